package io.cutover.workflow.activity;

import io.cutover.workflow.model.UpdateAck;
import io.cutover.workflow.wave.GroupCommand;
import io.cutover.workflow.wave.GroupOutcome;
import io.cutover.workflow.wave.GroupRollback;
import io.cutover.workflow.wave.GroupWait;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a wave does to its groups: the group's own Updates and query, sent through the Temporal
 * client. A workflow cannot send another workflow an Update, so these are activities; each group
 * still decides for itself, with its own validators (docs/architecture.md, "Waves").
 */
@ActivityInterface
public interface WaveActivities {

  /**
   * Sends the group its {@code execute} Update.
   *
   * <p>Verifies: the group accepted it (its validator refuses a group that is validating, running,
   * done or failed: that refusal fails this activity without retries, type {@link
   * FailureTypes#INVALID_REQUEST}, with the group's reason).
   *
   * <p>Idempotent: sent only while the group has {@code attemptBefore} attempts, with {@code
   * updateId}, so a retry neither starts a second attempt nor counts twice. Inverse: {@link
   * #rollbackGroup}.
   */
  @ActivityMethod(name = "ExecuteGroup")
  UpdateAck executeGroup(GroupCommand command);

  /**
   * Sends the group an {@code approve} Update for the attempt the wave started (the group keeps an
   * approval that arrives before its AWAIT_APPROVAL).
   *
   * <p>Verifies: the group accepted it. Idempotent: {@code updateId} deduplicates it. Inverse: none
   * (a rollback of the group ends the attempt it counts for).
   */
  @ActivityMethod(name = "ApproveGroup")
  UpdateAck approveGroup(GroupCommand command);

  /**
   * Sends the group its {@code rollback} Update. A refusal is an answer, not a failure: past its
   * point of no return a group refuses and goes forward, and the wave reports that.
   *
   * <p>Verifies: the group accepted or refused it; an execute the group queued but has not begun is
   * waited for (briefly), so the rollback reaches the attempt the wave started. Idempotent: a group
   * already rolling back or rolled back refuses a second one, which this reports as rolled back.
   * Inverse: {@link #executeGroup}.
   */
  @ActivityMethod(name = "RollbackGroup")
  GroupRollback rollbackGroup(GroupCommand command);

  /**
   * Waits until the group settles: validated (at init), DONE, rolled back, failed, or held when
   * {@code acceptHeld}. Polls the group's {@code progress} query and heartbeats each reading.
   *
   * <p>Verifies: the state it returns is the group's own answer. A group whose workflow does not
   * exist fails it without retries ({@link FailureTypes#NOT_FOUND}). Idempotent: reads only.
   * Inverse: none needed.
   */
  @ActivityMethod(name = "AwaitGroupSettled")
  GroupOutcome awaitGroupSettled(GroupWait wait);

  /**
   * Reads the group's state once, settled or not ({@link GroupOutcome#resting()} says which): an
   * attempt begins by learning where every group is without waiting for any.
   *
   * <p>Verifies: the state is the group's own answer (or, for an ended workflow that no longer
   * answers, its status). Idempotent: reads only. Inverse: none needed.
   */
  @ActivityMethod(name = "ReadGroup")
  GroupOutcome readGroup(String workflowId);
}
