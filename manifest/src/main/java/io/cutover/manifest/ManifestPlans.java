package io.cutover.manifest;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveWindow;

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

  /**
   * The wave workflow's input: each member's plan in start order, the change window as the manifest
   * wrote it. Pure: reads nothing.
   */
  public static WavePlan toWavePlan(ParsedWave w) {
    java.util.Map<String, ParsedWave.Member> byName = new java.util.HashMap<>();
    w.groups().forEach(m -> byName.put(m.name(), m));
    java.util.List<WavePlan.WaveGroup> groups =
        w.startOrder().stream()
            .map(byName::get)
            .map(m -> new WavePlan.WaveGroup(m.name(), toPlan(m.manifest()), m.after()))
            .toList();
    ParsedWave.ChangeWindow cw = w.window();
    WaveWindow window =
        cw == null
            ? null
            : new WaveWindow(
                cw.zone().getId(),
                cw.start().toString(),
                cw.end().toString(),
                cw.days().stream().sorted().toList());
    return new WavePlan(
        w.name(),
        w.concurrency(),
        WavePlan.FailurePolicy.valueOf(w.onFailure().name()),
        WavePlan.ApprovalMode.valueOf(w.approval().name()),
        window,
        groups);
  }

  /** The defaults with {@code manifest}'s values laid over them. */
  public static Policies effectivePolicies(PolicyOverrides manifest) {
    return (manifest == null ? PolicyOverrides.none() : manifest).applyTo(Policies.defaults());
  }
}
