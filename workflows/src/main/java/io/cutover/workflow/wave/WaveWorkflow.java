package io.cutover.workflow.wave;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.UpdateAck;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One wave: the groups of a migration cut over as one plan. It starts each group's {@code
 * MigrationWorkflow} as a child with the id the group has alone, waits for every VALIDATE, then on
 * {@code execute} starts the groups in order, at most {@code concurrency} at once and only inside
 * the change window. Each group keeps its own Updates: the wave sends them for it (docs/runbook.md,
 * "Migrating many groups").
 */
@WorkflowInterface
public interface WaveWorkflow {

  /**
   * The queue of the wave's waits for its groups: one long, idle activity per running group. Their
   * own slots, so a wave of hundreds never holds the slots the groups' lag waits and checks need
   * (docs/performance.md, "Many groups on one worker").
   */
  static String waitQueue(String taskQueue) {
    return taskQueue + "-waves";
  }

  /** Pinned: the type name is in every history. */
  String WORKFLOW_TYPE = "WaveWorkflow";

  /** Keyword search attribute naming the wave, on the wave and on each group it started. */
  String SEARCH_ATTRIBUTE = "CutoverWave";

  /** Runs the wave; it continues as new at rest, passing {@code carried}; a start passes null. */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  WaveStatus run(WavePlan plan, WaveContinuation carried);

  /** Starts (or resumes) the wave: the groups not yet DONE start in their turn. */
  @UpdateMethod
  UpdateAck execute(Actor requester);

  @UpdateValidatorMethod(updateName = "execute")
  void validateExecute(Actor requester);

  /** With {@code approval: wave}: one approval for every group this attempt starts. */
  @UpdateMethod
  UpdateAck approve(Actor approver);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Actor approver);

  /**
   * Stops the wave: starts no more groups, rolls back every running group that still can, and says
   * which cannot (past their point of no return) and what they do instead.
   */
  @UpdateMethod
  WaveRollbackReport rollback(Actor requester);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(Actor requester);

  @QueryMethod
  WaveStatus status();
}
