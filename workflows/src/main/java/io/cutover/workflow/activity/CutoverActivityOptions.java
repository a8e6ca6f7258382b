package io.cutover.workflow.activity;

import io.cutover.workflow.model.Policies;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries per activity area. Long waits heartbeat well inside their heartbeat timeout,
 * so a dead worker is noticed in seconds, not at start-to-close.
 */
public final class CutoverActivityOptions {
  private CutoverActivityOptions() {}

  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  /**
   * VALIDATE runs this many times at most; its last attempt reports unreachable systems as
   * problems.
   */
  public static final int VALIDATION_ATTEMPTS = 3;

  /** A forward step gives up after this many attempts; then the workflow compensates or holds. */
  public static final int FORWARD_ATTEMPTS = 5;

  /** Mirrors get this long to reach STOPPED after an accepted promote. */
  public static final Duration STOPPED_TIMEOUT = Duration.ofMinutes(10);

  /** A compensation keeps retrying for this long before the workflow holds and asks for help. */
  public static final Duration COMPENSATION_BUDGET = Duration.ofMinutes(30);

  /**
   * REST and Kafka reads ride out 429/5xx storms for this long (attempts uncapped, backoff to 30 s)
   * before the step fails; failures a retry cannot fix stop at once.
   */
  public static final Duration TRANSIENT_BUDGET = Duration.ofMinutes(10);

  /**
   * One attempt of a short REST write: up to five calls (list, describe, write, read back) at 10 s
   * connect plus 30 s read each, with slack.
   */
  public static final Duration REST_WRITE_ATTEMPT = Duration.ofMinutes(4);

  /**
   * Link writes heartbeat before every REST call; one call takes at most 10 s connect + 30 s read.
   */
  public static final Duration REST_CALL_HEARTBEAT = Duration.ofMinutes(1);

  /** Promote attempts: with backoff to 30 s, about as long as the 10 min transient budget. */
  public static final int PROMOTE_ATTEMPTS = 25;

  private static RetryOptions retries(int maxAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(Duration.ofSeconds(30))
        .setMaximumAttempts(maxAttempts)
        .setDoNotRetry(FailureTypes.nonRetryable())
        .build();
  }

  /**
   * VALIDATE makes many reads and heartbeats only between phases, so it has no heartbeat timeout.
   */
  public static ActivityOptions validation() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(5))
        .setRetryOptions(retries(VALIDATION_ATTEMPTS))
        .build();
  }

  /**
   * Gateway writes. A write waits for acceptance and then the rollout, each bounded by
   * rolloutTimeout. Cancellation waits for the activity to stop, so a cancelled fence can never
   * land after the unfence that follows it.
   */
  public static ActivityOptions gateway(Policies p) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(p.rolloutTimeout().multipliedBy(2).plus(Duration.ofMinutes(2)))
        .setHeartbeatTimeout(HEARTBEAT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(retries(FORWARD_ATTEMPTS))
        .build();
  }

  /**
   * Gateway compensations (unfence, traffic check) retry without an attempt cap within a budget
   * that always outlasts several attempts, however long {@code rolloutTimeout} is.
   */
  public static ActivityOptions gatewayUndo(Policies p) {
    Duration attempt = p.rolloutTimeout().multipliedBy(2).plus(Duration.ofMinutes(2));
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(attempt)
        .setScheduleToCloseTimeout(undoBudget(attempt))
        .setHeartbeatTimeout(HEARTBEAT)
        .setRetryOptions(retries(0))
        .build();
  }

  /**
   * Link writes (disable, restore, promote): a handful of REST calls with a heartbeat before each,
   * so a dead worker is noticed within {@link #REST_CALL_HEARTBEAT}, and a start-to-close that
   * covers them with slack. A cancel waits for the activity to stop, so a cancelled write can never
   * land after the undo that follows it.
   */
  public static ActivityOptions linkWrite() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(REST_WRITE_ATTEMPT)
        .setHeartbeatTimeout(REST_CALL_HEARTBEAT)
        .setScheduleToCloseTimeout(REST_WRITE_ATTEMPT.plus(TRANSIENT_BUDGET))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(retries(0))
        .build();
  }

  /**
   * The promote: like a link write, but bounded by attempts, not by a schedule-to-close. The server
   * enforces a schedule-to-close while an attempt still runs, so the workflow would read the mirror
   * states while that attempt's request may still land; an attempt-count bound only ever ends after
   * an attempt has (docs/architecture.md, "The point of no return").
   */
  public static ActivityOptions promote() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(REST_WRITE_ATTEMPT)
        .setHeartbeatTimeout(REST_CALL_HEARTBEAT)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(retries(PROMOTE_ATTEMPTS))
        .build();
  }

  /** The restore as a compensation: link-write timeouts, the compensation budget. */
  public static ActivityOptions linkUndo() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(REST_WRITE_ATTEMPT)
        .setHeartbeatTimeout(REST_CALL_HEARTBEAT)
        .setScheduleToCloseTimeout(undoBudget(REST_WRITE_ATTEMPT))
        .setRetryOptions(retries(0))
        .build();
  }

  private static Duration undoBudget(Duration attempt) {
    Duration three = attempt.multipliedBy(3);
    return three.compareTo(COMPENSATION_BUDGET) > 0 ? three : COMPENSATION_BUDGET;
  }

  /** The drain before disabling offset sync: a read-only wait that heartbeats. */
  public static ActivityOptions offsetSyncDrain(Policies p) {
    Duration attempt = p.consumerOffsetSyncDrainDuration().plus(Duration.ofMinutes(2));
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(attempt)
        .setScheduleToCloseTimeout(attempt.plus(TRANSIENT_BUDGET))
        .setHeartbeatTimeout(HEARTBEAT)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(retries(0))
        .build();
  }

  public static ActivityOptions mirrorsStopped() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(STOPPED_TIMEOUT)
        .setScheduleToCloseTimeout(STOPPED_TIMEOUT.plus(TRANSIENT_BUDGET))
        .setHeartbeatTimeout(HEARTBEAT)
        .setRetryOptions(retries(0))
        .build();
  }

  /**
   * The read that settles a promote whose outcome is unknown. Nothing else may happen until it
   * answers, so it retries without limit and without a deadline; a single REST read needs no
   * heartbeat.
   */
  public static ActivityOptions mirrorStatesRead() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(0)
                .build())
        .build();
  }

  /**
   * The stranded-write check and the consumer-offset handoff run while clients are fenced, past the
   * point of no return: a few quick attempts within a minute each, then the run goes on without
   * them rather than keep clients waiting (docs/architecture.md, "The steps").
   */
  public static ActivityOptions fencedFinish() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(retries(3))
        .build();
  }

  /**
   * A check of the watch after DONE: reads only, and the next check comes anyway, so a failure is
   * noted rather than retried for long.
   */
  public static ActivityOptions strandedRecheck() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(retries(3))
        .build();
  }

  /** Lag waits and the detection window: read-only, so a cancel need not wait for them. */
  public static ActivityOptions offsets(Duration longestWait) {
    Duration attempt = longestWait.plus(Duration.ofMinutes(2));
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(attempt)
        .setScheduleToCloseTimeout(attempt.plus(TRANSIENT_BUDGET))
        .setHeartbeatTimeout(HEARTBEAT)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(retries(0))
        .build();
  }

  /**
   * A wave's Update to one of its groups: one call that the group answers at once, retried within
   * the transient budget while no worker answers it.
   */
  public static ActivityOptions groupUpdate() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(2))
        .setScheduleToCloseTimeout(TRANSIENT_BUDGET)
        .setRetryOptions(retries(0))
        .build();
  }

  /**
   * A wave's wait for one group, which may take as long as the group's cutover (hours of lag). It
   * heartbeats every reading, so a dead worker is noticed within {@link #HEARTBEAT}; an attempt
   * that reaches its start-to-close is retried by the server without a history event.
   */
  public static ActivityOptions groupWait() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofHours(12))
        .setHeartbeatTimeout(HEARTBEAT)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(retries(0))
        .build();
  }
}
