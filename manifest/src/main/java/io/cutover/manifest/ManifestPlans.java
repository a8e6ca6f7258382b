package io.cutover.manifest;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyOverrides;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds the workflow input from a parsed manifest. */
public final class ManifestPlans {
  private ManifestPlans() {}

  /**
   * The plan for a parsed manifest: policies are the defaults overlaid with what the manifest sets;
   * topics are empty when the manifest omits them (every mirror topic on the link). Pure: reads nothing.
   */
  public static MigrationPlan toPlan(ParsedManifest m) {
    return new MigrationPlan(m.name(), m.source(), m.destination(), m.linkName(), m.gateway(), m.topics(),
        effectivePolicies(m.policies()));
  }

  /** The defaults with {@code manifest}'s values laid over them. */
  public static Policies effectivePolicies(PolicyOverrides manifest) {
    return (manifest == null ? PolicyOverrides.none() : manifest).applyTo(Policies.defaults());
  }

  /** The plan and what to tell the operator, from one manifest file. */
  public record Loaded(MigrationPlan plan, List<String> warnings) {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Parses {@code manifest} with {@code env} for interpolation and builds its plan.
   *
   * @throws ManifestException listing every problem; nothing else has happened then
   */
  public static Loaded load(Path manifest, Map<String, String> env) throws ManifestException {
    ParsedManifest parsed = new ManifestParser(env).parse(manifest);
    return new Loaded(toPlan(parsed), parsed.warnings());
  }
}
