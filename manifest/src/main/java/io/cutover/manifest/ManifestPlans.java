package io.cutover.manifest;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyOverrides;

/** Builds the workflow input from a parsed manifest. */
public final class ManifestPlans {
  private ManifestPlans() {}

  /**
   * The plan for a parsed manifest: policies are the defaults overlaid with what the manifest sets;
   * topics are empty when the manifest omits them (every mirror topic on the link). Pure: reads
   * nothing.
   */
  public static MigrationPlan toPlan(ParsedManifest m) {
    return new MigrationPlan(
        m.name(),
        m.source(),
        m.destination(),
        m.linkName(),
        m.gateway(),
        m.topics(),
        effectivePolicies(m.policies()),
        m.topicPatterns());
  }

  /** The defaults with {@code manifest}'s values laid over them. */
  public static Policies effectivePolicies(PolicyOverrides manifest) {
    return (manifest == null ? PolicyOverrides.none() : manifest).applyTo(Policies.defaults());
  }
}
