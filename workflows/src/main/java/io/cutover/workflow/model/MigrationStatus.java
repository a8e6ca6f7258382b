package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;
import java.time.Instant;
import java.util.List;

/**
 * The {@code status} query: where the cutover is and what to do next.
 *
 * @param migration migration name
 * @param step current step
 * @param attempt current execute attempt (0 before the first execute)
 * @param held true when a step after the point of no return failed and waits for the operator
 * @param pointOfNoReturnPassed a promote was accepted; rollback to the source is no longer possible
 * @param steps every step of every attempt, with timings
 * @param topicCount topics in scope
 * @param lag the latest lag measurement (live during WAIT_FOR_LAG and PROMOTE)
 * @param promotedCount topics whose promote was accepted (counts: a status stays small for any
 *     group)
 * @param stoppedCount topics confirmed STOPPED
 * @param approvals approvals received
 * @param rollbacks rollbacks so far
 * @param compensations compensating actions that ran
 * @param policies policies in force for the current (or next) attempt
 * @param fencedSince when the current fence began; null when not fenced by this workflow
 * @param lastError the last failure, with its cause
 * @param nextAction what the operator can do now
 * @param notices things said once (e.g. what the fence error code does to Java producers)
 * @param validation the latest validation report (its topic set by reference)
 * @param run which run of the workflow this is: it continues as new at resting points, keeping the
 *     story (older attempts' step records are summarised by {@code rollbacks})
 * @param strandedWrites records written to the source after their mirror stopped, as found at the
 *     end of PROMOTE; null until checked
 * @param offsetHandoff how each consumer group's committed offsets were handed to the destination
 *     at the end of PROMOTE; null until done
 */
public record MigrationStatus(
    String migration,
    CutoverStep step,
    int attempt,
    boolean held,
    boolean pointOfNoReturnPassed,
    List<StepRecord> steps,
    int topicCount,
    LagSnapshot lag,
    int promotedCount,
    int stoppedCount,
    List<Actor> approvals,
    List<RollbackRecord> rollbacks,
    List<CompensationRecord> compensations,
    Policies policies,
    Instant fencedSince,
    String lastError,
    String nextAction,
    List<String> notices,
    ValidationReport validation,
    int run,
    StrandedWrites strandedWrites,
    OffsetHandoff offsetHandoff) {

  /**
   * This status with a newer lag measurement (the one the running lag activity heartbeats, which
   * the workflow itself sees only when the activity returns).
   */
  public MigrationStatus withLag(LagSnapshot live) {
    return new MigrationStatus(
        migration,
        step,
        attempt,
        held,
        pointOfNoReturnPassed,
        steps,
        topicCount,
        live,
        promotedCount,
        stoppedCount,
        approvals,
        rollbacks,
        compensations,
        policies,
        fencedSince,
        lastError,
        nextAction,
        notices,
        validation,
        run,
        strandedWrites,
        offsetHandoff);
  }

  /**
   * The run waits for the operator or has ended: held, waiting for execute, rolled back, done or
   * failed. Followers (execute, status --watch, the demo) stop here.
   */
  public boolean resting() {
    return held
        || switch (step) {
          case AWAIT_EXECUTE, ROLLED_BACK, DONE, FAILED -> true;
          default -> false;
        };
  }

  /**
   * DONE, and the source still watched for stranded writes (docs/architecture.md, "Stranded
   * writes"): a follower that reports them, like execute, waits for the watch's end too.
   */
  public boolean watchingForStrandedWrites() {
    return step == CutoverStep.DONE
        && strandedWrites != null
        && strandedWrites.watchingUntil() != null;
  }
}
