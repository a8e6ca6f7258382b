package io.cutover.workflow;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.Continuation;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.cutover.workflow.model.UpdateAck;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One migration group's cutover. Started by {@code init}; runs VALIDATE, then waits for {@code
 * execute}. Before PROMOTE every failure, rollback or cancel unfences the gateway; after it the run
 * only goes forward.
 */
@WorkflowInterface
public interface MigrationWorkflow {

  String TASK_QUEUE = "cutover";

  /**
   * The queue of the activities that must not wait behind long polls: gateway writes and checks,
   * link writes, the promote, the undo actions and the read that settles a lost promote. A worker
   * polls it beside {@code taskQueue} with its own slots, so an unfence never queues behind a few
   * hundred groups' lag waits (docs/architecture.md, "Activity options").
   */
  static String controlQueue(String taskQueue) {
    return taskQueue + "-control";
  }

  /**
   * Pinned: the type name is in every history, so it must not follow a rename of this interface.
   */
  String WORKFLOW_TYPE = "MigrationWorkflow";

  /** Keyword search attribute holding the current step (never named "Status": that is reserved). */
  String SEARCH_ATTRIBUTE = "CutoverStep";

  /**
   * Runs the migration group: VALIDATE, then executes as asked. It continues as new at resting
   * points, passing {@code carried}; a start passes null.
   */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  RunReport run(MigrationPlan plan, Continuation carried);

  /** Starts the cutover (or resumes it after a rollback or a hold), with optional overrides. */
  @UpdateMethod
  UpdateAck execute(ExecuteRequest request);

  @UpdateValidatorMethod(updateName = "execute")
  void validateExecute(ExecuteRequest request);

  /** Approves the fence. Kept when it arrives before AWAIT_APPROVAL. */
  @UpdateMethod
  UpdateAck approve(Actor approver);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Actor approver);

  /** Rolls back to the source; refused once a promote may have been accepted. */
  @UpdateMethod
  UpdateAck rollback(Actor requester);

  @UpdateValidatorMethod(updateName = "rollback")
  void validateRollback(Actor requester);

  /** Replaces the plan (re-init with an edited manifest) and validates it; only while idle. */
  @UpdateMethod
  ValidationReport reinit(MigrationPlan plan);

  @UpdateValidatorMethod(updateName = "reinit")
  void validateReinit(MigrationPlan plan);

  @QueryMethod
  MigrationStatus status();

  /**
   * What followers poll (every half second while a CLI follows a run): {@link #status()} without
   * the record of the past. Only the current attempt's step records and rollback; no validation
   * report, approvals, compensations or notices. Its size does not grow with the group or the
   * number of attempts.
   */
  @QueryMethod
  MigrationStatus progress();
}
