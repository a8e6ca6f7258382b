package io.cutover.workflow.wave;

import io.cutover.workflow.CutoverStep;

/**
 * One group of a wave, as the wave last observed it.
 *
 * @param name the group's migration name
 * @param workflowId {@code migration-<name>}
 * @param phase where it is for the wave
 * @param child started by the wave (a child workflow, linked in the Web UI); false when the wave
 *     found it already started by {@code cutover init} and drives it by its id
 * @param step its own step when last observed
 * @param attempt its execute attempts so far when last observed
 * @param startedInAttempt the wave attempt that last started it; 0 when never
 * @param detail the last thing to know: why it is invalid, held, rolled back, or what it answered
 */
public record GroupState(
    String name,
    String workflowId,
    GroupPhase phase,
    boolean child,
    CutoverStep step,
    int attempt,
    int startedInAttempt,
    String detail) {

  GroupState with(GroupPhase p, String d) {
    return new GroupState(name, workflowId, p, child, step, attempt, startedInAttempt, d);
  }

  /** As observed; an ended workflow that no longer answers keeps the step and attempt known. */
  GroupState observed(GroupOutcome o, GroupPhase p, String d) {
    if (o.step() == null) {
      return new GroupState(name, workflowId, p, child, step, attempt, startedInAttempt, d);
    }
    return new GroupState(name, workflowId, p, child, o.step(), o.attempt(), startedInAttempt, d);
  }

  GroupState started(int waveAttempt) {
    return new GroupState(
        name, workflowId, GroupPhase.RUNNING, child, step, attempt, waveAttempt, null);
  }

  /** Counted as tried in {@code waveAttempt}, in its current phase. */
  GroupState startedIn(int waveAttempt) {
    return new GroupState(name, workflowId, phase, child, step, attempt, waveAttempt, detail);
  }

  GroupState adopted() {
    return new GroupState(name, workflowId, phase, false, step, attempt, startedInAttempt, detail);
  }
}
