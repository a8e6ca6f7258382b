package io.cutover.workflow.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a cutover runs. The manifest sets them; {@code execute} may override any of them for one
 * attempt (see {@link PolicyOverrides}).
 *
 * @param lagThreshold per-topic total lag (records, summed over partitions) tolerated before fencing
 * @param promoteBatchSize topics promoted per batch; 0 promotes every topic in one batch
 * @param rolloutTimeout bound on each gateway wait (operator acceptance, rollout)
 * @param detectUnroutedProducersDuration source-offset watch window after the fence; 0 skips it
 * @param consumerOffsetSyncDrainDuration wait with offset sync still on before pausing it
 * @param pauseConsumerOffsetSync pause consumer offset sync on the link while fenced
 * @param requireApproval wait for a human {@code approve} before fencing
 * @param approvalTimeout how long to wait for it
 * @param approvalTimeoutAction what happens when it does not come
 * @param maxFencedDuration fence budget: if PROMOTE has not begun by then, unfence automatically
 * @param fenceErrorCode the error the fenced gateway answers with
 * @param maxPromoteLagWait after the point of no return, how long a promote batch may wait for zero
 *     lag before the run holds with the lagging topics named
 */
public record Policies(
    long lagThreshold,
    int promoteBatchSize,
    Duration rolloutTimeout,
    Duration detectUnroutedProducersDuration,
    Duration consumerOffsetSyncDrainDuration,
    boolean pauseConsumerOffsetSync,
    boolean requireApproval,
    Duration approvalTimeout,
    ApprovalTimeoutAction approvalTimeoutAction,
    Duration maxFencedDuration,
    FenceErrorCode fenceErrorCode,
    Duration maxPromoteLagWait) {

  /**
   * The policies a retry of a held step may change: they bound waits or size batches. Every other
   * policy shaped what the attempt already did (offset sync paused, the fence's error code).
   */
  public static final List<String> RETRY_SAFE = List.of("rolloutTimeout", "promoteBatchSize", "maxPromoteLagWait");

  /** A window shorter than this cannot span a producer's metadata refresh. */
  public static final Duration MIN_DETECTION_WINDOW = Duration.ofSeconds(10);

  public static Policies defaults() {
    return new Policies(
        0,
        0,
        Duration.ofMinutes(10),
        Duration.ZERO,
        Duration.ZERO,
        false,
        false,
        Duration.ofHours(24),
        ApprovalTimeoutAction.ABORT,
        Duration.ofMinutes(10),
        FenceErrorCode.BROKER_NOT_AVAILABLE,
        Duration.ofMinutes(10));
  }

  /**
   * Every problem with these values, each naming the field and the fix. Empty when valid.
   *
   * @param prefix field path prefix, e.g. {@code spec.defaultPolicies.} or {@code --}
   */
  public List<String> problems(String prefix) {
    List<String> p = new ArrayList<>();
    if (lagThreshold < 0) {
      p.add(prefix + "lagThreshold: must be 0 or more (records per topic), got " + lagThreshold);
    }
    if (promoteBatchSize < 0) {
      p.add(prefix + "promoteBatchSize: must be 0 (all topics at once) or more, got " + promoteBatchSize);
    }
    requirePositive(p, prefix + "rolloutTimeout", rolloutTimeout);
    requireNotNegative(p, prefix + "detectUnroutedProducersDuration", detectUnroutedProducersDuration);
    if (detectUnroutedProducersDuration != null && !detectUnroutedProducersDuration.isZero()
        && detectUnroutedProducersDuration.compareTo(MIN_DETECTION_WINDOW) < 0) {
      p.add(prefix + "detectUnroutedProducersDuration: must be at least 10s when set (0 skips the check),"
          + " because a shorter window cannot span a producer's metadata refresh; got "
          + Durations.format(detectUnroutedProducersDuration));
    }
    requireNotNegative(p, prefix + "consumerOffsetSyncDrainDuration", consumerOffsetSyncDrainDuration);
    if (!pauseConsumerOffsetSync && consumerOffsetSyncDrainDuration != null
        && !consumerOffsetSyncDrainDuration.isZero()) {
      p.add(prefix + "consumerOffsetSyncDrainDuration: only applies with pauseConsumerOffsetSync=true;"
          + " set it to 0 or enable pauseConsumerOffsetSync");
    }
    requirePositive(p, prefix + "approvalTimeout", approvalTimeout);
    if (approvalTimeoutAction == null) {
      p.add(prefix + "approvalTimeoutAction: must be ABORT or KEEP_WAITING");
    }
    requirePositive(p, prefix + "maxFencedDuration", maxFencedDuration);
    if (maxFencedDuration != null && detectUnroutedProducersDuration != null && consumerOffsetSyncDrainDuration != null
        && !maxFencedDuration.isNegative() && !maxFencedDuration.isZero()
        && detectUnroutedProducersDuration.plus(consumerOffsetSyncDrainDuration).compareTo(maxFencedDuration) >= 0) {
      p.add(prefix + "maxFencedDuration: must be longer than detectUnroutedProducersDuration plus"
          + " consumerOffsetSyncDrainDuration (" + Durations.format(detectUnroutedProducersDuration.plus(
              consumerOffsetSyncDrainDuration)) + "), or the fence budget runs out before PROMOTE can begin; got "
          + Durations.format(maxFencedDuration));
    }
    requirePositive(p, prefix + "maxPromoteLagWait", maxPromoteLagWait);
    if (fenceErrorCode == null) {
      p.add(prefix + "fenceErrorCode: must be one of " + List.of(FenceErrorCode.values()));
    }
    return p;
  }

  private static void requirePositive(List<String> p, String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      p.add(field + ": must be a positive duration such as 90s or 10m, got "
          + (d == null ? "nothing" : Durations.format(d)));
    }
  }

  private static void requireNotNegative(List<String> p, String field, Duration d) {
    if (d == null || d.isNegative()) {
      p.add(field + ": must be 0 (off) or a positive duration such as 30s, got "
          + (d == null ? "nothing" : Durations.format(d)));
    }
  }
}
