package io.cutover.workflow.wave;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.Approval;
import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one owner of a wave's state: its step, its attempt, and every group as last observed. It
 * feeds {@code status}, the Web UI's current details and what a continue-as-new carries.
 * Workflow-thread only.
 */
final class WaveBook {
  static final SearchAttributeKey<String> WAVE_KEY =
      SearchAttributeKey.forKeyword(WaveWorkflow.SEARCH_ATTRIBUTE);

  /** Notes kept (and carried): the latest ones, so a long wave's status stays small. */
  static final int KEPT_NOTES = 20;

  final WavePlan plan;
  private final Map<String, GroupState> groups = new LinkedHashMap<>();
  private final List<Approval> approvals = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private WaveStep step = WaveStep.VALIDATE;
  private int attempt;
  private int run = 1;
  private String lastError;
  private int changes;
  boolean stopped;

  /** Groups whose execute is in flight: a rollback waits for its answer (WaveGroups#drive). */
  final java.util.Set<String> starting = new java.util.HashSet<>();

  /** Who asked for this attempt's rollback; null when nobody has. */
  Actor rollbackBy;

  WaveBook(WavePlan plan) {
    this.plan = plan;
    for (WavePlan.WaveGroup g : plan.groups()) {
      groups.put(
          g.name(),
          new GroupState(
              g.name(), g.plan().workflowId(), GroupPhase.VALIDATING, true, null, 0, 0, null));
    }
  }

  void resume(WaveContinuation c) {
    c.groups().forEach(g -> groups.put(g.name(), g));
    approvals.addAll(c.pendingApprovals());
    notes.addAll(c.notes());
    step = c.step();
    attempt = c.attempt();
    lastError = c.lastError();
    run = c.run() + 1;
  }

  WaveContinuation continuation(Actor queued) {
    List<Approval> pending = approvals.stream().filter(a -> a.forAttempt() > attempt).toList();
    return new WaveContinuation(
        attempt, step, List.copyOf(groups.values()), pending, notes, lastError, run, queued);
  }

  /** Bumped whenever a group settles or an Update changes the wave: the run loop wakes on it. */
  void changed() {
    changes++;
  }

  int changes() {
    return changes;
  }

  boolean rollbackRequested() {
    return rollbackBy != null;
  }

  WaveStep step() {
    return step;
  }

  int attempt() {
    return attempt;
  }

  GroupState group(String name) {
    return groups.get(name);
  }

  List<GroupState> groups() {
    return List.copyOf(groups.values());
  }

  void put(GroupState g) {
    groups.put(g.name(), g);
    publish();
  }

  void step(WaveStep next) {
    step = next;
    publish();
  }

  void beginAttempt() {
    attempt++;
    lastError = null;
    stopped = false;
    rollbackBy = null;
  }

  void error(String e) {
    lastError = e;
    note(e);
  }

  void note(String n) {
    notes.add(Instant.ofEpochMilli(Workflow.currentTimeMillis()) + " " + n);
    while (notes.size() > KEPT_NOTES) {
      notes.remove(0);
    }
    publish();
  }

  /** Records a wave approval: it counts for the running attempt, or for the next one at rest. */
  int approve(Actor a) {
    int forAttempt =
        step == WaveStep.RUN || step == WaveStep.AWAIT_APPROVAL ? attempt : attempt + 1;
    approvals.add(new Approval(a, forAttempt));
    return forAttempt;
  }

  /** Who approved attempt {@code forAttempt} first; null when nobody has. */
  Actor approverOf(int forAttempt) {
    return approvals.stream()
        .filter(a -> a.forAttempt() == forAttempt)
        .map(Approval::actor)
        .findFirst()
        .orElse(null);
  }

  boolean approvedFor(int forAttempt) {
    return approvals.stream().anyMatch(a -> a.forAttempt() == forAttempt);
  }

  private boolean invalid() {
    return groups.values().stream().anyMatch(g -> g.phase() == GroupPhase.INVALID);
  }

  boolean allDone() {
    return groups.values().stream().allMatch(g -> g.phase() == GroupPhase.DONE);
  }

  WaveStatus status() {
    List<WaveStatus.Row> rows = new ArrayList<>();
    WaveSchedule schedule = schedule();
    for (GroupState g : groups.values()) {
      String waiting =
          switch (step) {
            case RUN -> schedule.waitingFor(g.name());
            case AWAIT_APPROVAL -> g.phase().startable() ? "the wave's approval" : null;
            case AWAIT_EXECUTE -> g.phase().startable() ? "the wave's execute" : null;
            case VALIDATE, DONE -> null;
          };
      rows.add(new WaveStatus.Row(g, waiting));
    }
    List<Actor> shown = approvals.stream().map(Approval::actor).toList();
    return new WaveStatus(
        plan.name(),
        step,
        attempt,
        describePlan(),
        rows,
        shown,
        List.copyOf(notes),
        lastError,
        nextAction(),
        run);
  }

  WaveSchedule schedule() {
    return new WaveSchedule(
        plan,
        groups,
        stopped || rollbackRequested(),
        Instant.ofEpochMilli(Workflow.currentTimeMillis()),
        attempt);
  }

  private String describePlan() {
    return "concurrency "
        + plan.concurrency()
        + ", onFailure "
        + plan.onFailure().name().toLowerCase(java.util.Locale.ROOT)
        + ", approval "
        + plan.approval().name().toLowerCase(java.util.Locale.ROOT)
        + ", window "
        + (plan.window() == null ? "none (any time)" : plan.window().describe());
  }

  String nextAction() {
    String wave = plan.name();
    return switch (step) {
      case VALIDATE -> "wait for every group's VALIDATE; `cutover wave status " + wave + "`";
      case AWAIT_EXECUTE ->
          invalid()
              ? "fix the INVALID groups (each row says why) and run `cutover init -f <manifest>`"
                  + " for each; then `cutover wave execute "
                  + wave
                  + "` starts the groups"
              : lastError == null
                  ? "`cutover wave execute " + wave + "` starts the groups in order"
                  : "fix what stopped the wave, then `cutover wave execute "
                      + wave
                      + "` starts the groups not yet DONE";
      case AWAIT_APPROVAL -> "`cutover wave approve " + wave + "` lets the groups fence";
      case RUN ->
          rollbackRequested()
              ? "the wave is rolling back: it waits for its running groups to settle"
              : "follow with `cutover wave status "
                  + wave
                  + "`; `cutover wave rollback "
                  + wave
                  + "` stops it";
      case DONE -> "nothing: every group is on the destination";
    };
  }

  /** The Web UI's current details: the wave's step and one line per group. */
  private void publish() {
    StringBuilder d =
        new StringBuilder("**")
            .append(step)
            .append("** (attempt ")
            .append(attempt)
            .append("): ")
            .append(step.description());
    for (GroupState g : groups.values()) {
      d.append("\n- ").append(g.name()).append(": ").append(g.phase());
      if (g.step() != null) {
        d.append(" (").append(g.step()).append(')');
      }
    }
    if (lastError != null) {
      d.append("\n\nStopped: ").append(lastError);
    }
    d.append("\n\nNext: ").append(nextAction());
    Workflow.setCurrentDetails(d.toString());
  }
}
