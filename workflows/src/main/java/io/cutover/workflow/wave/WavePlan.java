package io.cutover.workflow.wave;

import io.cutover.workflow.model.MigrationPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wave workflow's input: the groups of one wave with the rules that order them
 * (docs/manifest.md, "Waves"). Holds no secret: each group's plan holds credential references only.
 *
 * @param name the wave's name; its workflow id is {@code wave-<name>}
 * @param concurrency at most this many groups cut over at once
 * @param onFailure what a rollback or a hold of one group does to the rest
 * @param approval one approval for the wave, or each group's own
 * @param window when groups may start; null: any time
 * @param groups in start order: each after the groups its {@code after} names
 */
public record WavePlan(
    String name,
    int concurrency,
    FailurePolicy onFailure,
    ApprovalMode approval,
    WaveWindow window,
    List<WaveGroup> groups) {

  public WavePlan {
    groups = groups == null ? List.of() : List.copyOf(groups);
    onFailure = onFailure == null ? FailurePolicy.STOP : onFailure;
    approval = approval == null ? ApprovalMode.GROUP : approval;
  }

  public static final String WORKFLOW_ID_PREFIX = "wave-";

  public static String workflowIdFor(String waveName) {
    return WORKFLOW_ID_PREFIX + waveName;
  }

  public String workflowId() {
    return workflowIdFor(name);
  }

  /** What the wave does after a group rolls back or holds. */
  public enum FailurePolicy {
    /** Start no new group; the groups already running go on. */
    STOP,
    /** Start the groups that do not depend on it. */
    CONTINUE
  }

  /** Who approves the fence of each group. */
  public enum ApprovalMode {
    /** One approval of the wave, handed to each group as it starts. */
    WAVE,
    /** Each group's own approval, as for a single group. */
    GROUP
  }

  /**
   * @param name the group's migration name: its workflow id is {@code migration-<name>}, as when it
   *     is started alone
   * @param plan what {@code cutover init} would start it with
   * @param after the groups that must be DONE before this one starts
   */
  public record WaveGroup(String name, MigrationPlan plan, List<String> after) {
    public WaveGroup {
      after = after == null ? List.of() : List.copyOf(after);
    }
  }

  /**
   * What makes this plan unusable, each with its field: the CLI checks the manifest before it
   * starts a wave, so these catch a plan built some other way.
   */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    if (name == null || name.isBlank()) {
      p.add("name: required");
    }
    if (concurrency < 1) {
      p.add("concurrency: must be at least 1, was " + concurrency);
    }
    if (groups.isEmpty()) {
      p.add("groups: a wave needs at least one group");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      WaveGroup g = groups.get(i);
      if (g.plan() == null || g.name() == null || !g.name().equals(g.plan().name())) {
        p.add("groups[" + i + "]: the group's name must be its plan's name");
      }
      for (String a : g.after()) {
        if (!seen.contains(a)) {
          p.add(
              "groups["
                  + i
                  + "].after: "
                  + a
                  + " is not an earlier group of the wave (groups are listed in start order)");
        }
      }
      if (!seen.add(g.name())) {
        p.add("groups[" + i + "]: " + g.name() + " is listed twice");
      }
    }
    return p;
  }
}
