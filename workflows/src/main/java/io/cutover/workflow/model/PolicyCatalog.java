package io.cutover.workflow.model;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every policy, declared once (CONTRIBUTING.md, "Adding a policy"). The order is that of the {@link
 * Policies} and {@link PolicyOverrides} components, checked when this class loads: it is the order
 * of the manifest's problems, the printed policies, the docs table and execute's changes.
 */
public final class PolicyCatalog {
  /** A window shorter than this cannot span a producer's metadata refresh. */
  public static final Duration MIN_DETECTION_WINDOW = Duration.ofSeconds(10);

  public static final PolicyDescriptor<Long> LAG_THRESHOLD =
      PolicyDescriptor.of("lagThreshold", PolicyType.whole("RECORDS"), 0L)
          .check((v, all) -> v < 0 ? "must be 0 or more (records per topic), got " + v : null)
          .described(
              "Per-topic lag tolerated before fencing (records).",
              "≥ 0. Per-topic lag (records, summed over partitions, from end offsets on both clusters) tolerated"
                  + " before fencing. PROMOTE always waits for zero lag");

  public static final PolicyDescriptor<Integer> PROMOTE_BATCH_SIZE =
      PolicyDescriptor.of("promoteBatchSize", PolicyType.count("N"), 0)
          .check((v, all) -> v < 0 ? "must be 0 (all topics at once) or more, got " + v : null)
          .described(
              "Topics per promote batch; 0 = all at once.",
              "≥ 0. Topics per promote request; past the first accepted promote up to 4 batches drain side by"
                  + " side, each confirmed STOPPED before PROMOTE ends; `0` promotes as many as a batch holds"
                  + " (500)")
          .safeToRetry();

  public static final PolicyDescriptor<Duration> ROLLOUT_TIMEOUT =
      PolicyDescriptor.of("rolloutTimeout", PolicyType.DURATION, Duration.ofMinutes(10))
          .check(PolicyCatalog::positive)
          .described(
              "Bound on each gateway wait (acceptance, rollout), e.g. 5m.",
              "> 0. Bound on each gateway wait (operator acceptance, rollout). kcp apiVersion: `0` (\"no"
                  + " deadline\" to kcp) gives a warning and the default, because every gateway wait here is"
                  + " bounded; cutover apiVersion: `0` is a problem")
          .safeToRetry();

  public static final PolicyDescriptor<Duration> DETECT_UNROUTED_PRODUCERS_DURATION =
      PolicyDescriptor.of("detectUnroutedProducersDuration", PolicyType.DURATION, Duration.ZERO)
          .check(PolicyCatalog::notNegative)
          .check(
              (v, all) ->
                  v != null && !v.isZero() && v.compareTo(MIN_DETECTION_WINDOW) < 0
                      ? "must be at least 10s when set (0 skips the check), because a shorter window cannot span a"
                          + " producer's metadata refresh; got "
                          + Durations.format(v)
                      : null)
          .described(
              "Source-offset watch after the fence (>= 10s; 0 skips).",
              "`0` skips VERIFY_FENCE; otherwise ≥ `10s`. Window after the fence in which the source end offsets"
                  + " must not move (a producer bypassing the gateway)");

  public static final PolicyDescriptor<Duration> CONSUMER_OFFSET_SYNC_DRAIN_DURATION =
      PolicyDescriptor.of("consumerOffsetSyncDrainDuration", PolicyType.DURATION, Duration.ZERO)
          .check(PolicyCatalog::notNegative)
          .check(
              (v, all) ->
                  !all.pauseConsumerOffsetSync() && v != null && !v.isZero()
                      ? "only applies with pauseConsumerOffsetSync=true; set it to 0 or enable pauseConsumerOffsetSync"
                      : null)
          .described(
              "Wait with offset sync on before pausing it.",
              "≥ 0; non-zero only with `pauseConsumerOffsetSync: true`. Wait with offset sync still on before"
                  + " pausing it");

  public static final PolicyDescriptor<Boolean> PAUSE_CONSUMER_OFFSET_SYNC =
      PolicyDescriptor.of("pauseConsumerOffsetSync", PolicyType.BOOLEAN, false)
          .described(
              "Pause consumer offset sync while fenced (true/false).",
              "Pause the link's consumer offset sync while clients are fenced (step PAUSE_OFFSET_SYNC), restore"
                  + " it after SWITCH")
          .writtenIn("spec.clusterLink");

  public static final PolicyDescriptor<Boolean> REQUIRE_APPROVAL =
      PolicyDescriptor.of("requireApproval", PolicyType.BOOLEAN, false)
          .described(
              "Wait for `cutover approve` before fencing (true/false).",
              "Wait in AWAIT_APPROVAL for an `approve` before fencing")
          .cutoverOnly();

  public static final PolicyDescriptor<Duration> APPROVAL_TIMEOUT =
      PolicyDescriptor.of("approvalTimeout", PolicyType.DURATION, Duration.ofHours(24))
          .check(PolicyCatalog::positive)
          .described("How long to wait for approval.", "> 0. How long AWAIT_APPROVAL waits")
          .cutoverOnly();

  public static final PolicyDescriptor<ApprovalTimeoutAction> APPROVAL_TIMEOUT_ACTION =
      PolicyDescriptor.of(
              "approvalTimeoutAction",
              PolicyType.choice(ApprovalTimeoutAction.class, "ACTION"),
              ApprovalTimeoutAction.ABORT)
          .check((v, all) -> v == null ? "must be ABORT or KEEP_WAITING" : null)
          .described(
              "What happens when no approval comes in time; it never proceeds without one.",
              "Upper case. `ABORT` ends the attempt (nothing was changed yet) and rests in ROLLED_BACK;"
                  + " `KEEP_WAITING` keeps waiting and reports the approval as overdue. Neither proceeds without an"
                  + " approval")
          .cutoverOnly();

  public static final PolicyDescriptor<Duration> MAX_FENCED_DURATION =
      PolicyDescriptor.of("maxFencedDuration", PolicyType.DURATION, Duration.ofMinutes(10))
          .check(PolicyCatalog::positive)
          .check(PolicyCatalog::outlastsTheFencedChecks)
          .described(
              "Fence budget: unfence automatically if PROMOTE has not begun by then.",
              "> 0 and longer than `detectUnroutedProducersDuration + consumerOffsetSyncDrainDuration`. Fence"
                  + " budget: if no promote was accepted this long after FENCE began, the attempt unfences by"
                  + " itself")
          .cutoverOnly();

  public static final PolicyDescriptor<FenceErrorCode> FENCE_ERROR_CODE =
      PolicyDescriptor.of(
              "fenceErrorCode",
              PolicyType.choice(FenceErrorCode.class, "CODE"),
              FenceErrorCode.BROKER_NOT_AVAILABLE)
          .check(
              (v, all) -> v == null ? "must be one of " + List.of(FenceErrorCode.values()) : null)
          .described(
              "Error the fenced gateway answers with.",
              "Upper case. The Kafka error the fenced routes answer with. `BROKER_NOT_AVAILABLE` (8) is what the"
                  + " Confluent Gateway documents, but it is not retriable for the Java client: Java producers"
                  + " fail the batches they send while fenced. `NOT_LEADER_OR_FOLLOWER` (6),"
                  + " `LEADER_NOT_AVAILABLE` (5) and `NOT_ENOUGH_REPLICAS` (19) are retriable: Java producers keep"
                  + " their records and wait. See [runbook.md](runbook.md#choosing-the-fence-error-code)")
          .cutoverOnly();

  public static final PolicyDescriptor<Duration> MAX_PROMOTE_LAG_WAIT =
      PolicyDescriptor.of("maxPromoteLagWait", PolicyType.DURATION, Duration.ofMinutes(10))
          .check(PolicyCatalog::positive)
          .described(
              "After the first promote, how long a batch may wait for zero lag before the run holds.",
              "> 0. After the point of no return, how long a promote batch may wait for zero lag; then the run"
                  + " holds at PROMOTE with the lagging topics named in `lastError`, and `execute` waits again."
                  + " Clients stay fenced meanwhile")
          .safeToRetry()
          .cutoverOnly();

  public static final PolicyDescriptor<Duration> STRANDED_WRITES_WATCH_DURATION =
      PolicyDescriptor.of("strandedWritesWatchDuration", PolicyType.DURATION, Duration.ofMinutes(5))
          .check(PolicyCatalog::notNegative)
          .described(
              "How long after DONE the source is still watched for stranded writes; 0 = once, at DONE.",
              "≥ 0. After DONE, how long the source's end offsets are still compared with where each mirror"
                  + " stopped (every 30s, or a fortieth of the duration when that is longer): a record written"
                  + " there bypassed the gateway and will never reach the destination. `0` checks once, at"
                  + " DONE. `execute` follows the watch to its end")
          .safeToRetry()
          .cutoverOnly();

  /** Every policy, in the records' order. */
  public static final List<PolicyDescriptor<?>> ALL =
      List.of(
          LAG_THRESHOLD,
          PROMOTE_BATCH_SIZE,
          ROLLOUT_TIMEOUT,
          DETECT_UNROUTED_PRODUCERS_DURATION,
          CONSUMER_OFFSET_SYNC_DRAIN_DURATION,
          PAUSE_CONSUMER_OFFSET_SYNC,
          REQUIRE_APPROVAL,
          APPROVAL_TIMEOUT,
          APPROVAL_TIMEOUT_ACTION,
          MAX_FENCED_DURATION,
          FENCE_ERROR_CODE,
          MAX_PROMOTE_LAG_WAIT,
          STRANDED_WRITES_WATCH_DURATION);

  static {
    // A policy added to a record but not here (or the other way round) fails every use at once.
    String wrong =
        Stream.of(
                PolicyRecords.disagreement(Policies.class, ALL, false),
                PolicyRecords.disagreement(PolicyOverrides.class, ALL, true))
            .filter(w -> w != null)
            .findFirst()
            .orElse(null);
    if (wrong != null) {
      throw new IllegalStateException(wrong);
    }
  }

  private PolicyCatalog() {}

  /** The policy whose manifest key is {@code name}. */
  public static PolicyDescriptor<?> named(String name) {
    return ALL.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no policy " + name));
  }

  private static String positive(Duration d, Policies all) {
    return d == null || d.isNegative() || d.isZero()
        ? "must be a positive duration such as 90s or 10m, got "
            + (d == null ? "nothing" : Durations.format(d))
        : null;
  }

  private static String notNegative(Duration d, Policies all) {
    return d == null || d.isNegative()
        ? "must be 0 (off) or a positive duration such as 30s, got "
            + (d == null ? "nothing" : Durations.format(d))
        : null;
  }

  /**
   * The fence budget must outlast the checks that run while fenced, or it runs out before PROMOTE.
   */
  private static String outlastsTheFencedChecks(Duration max, Policies all) {
    Duration detect = all.detectUnroutedProducersDuration();
    Duration drain = all.consumerOffsetSyncDrainDuration();
    if (max == null
        || detect == null
        || drain == null
        || max.isNegative()
        || max.isZero()
        || detect.plus(drain).compareTo(max) < 0) {
      return null;
    }
    return "must be longer than detectUnroutedProducersDuration plus consumerOffsetSyncDrainDuration ("
        + Durations.format(detect.plus(drain))
        + "), or the fence budget runs out before PROMOTE can begin; got "
        + Durations.format(max);
  }
}
