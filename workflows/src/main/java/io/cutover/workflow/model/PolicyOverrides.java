package io.cutover.workflow.model;

import java.time.Duration;

/**
 * Per-attempt overrides sent with {@code execute}. A null field keeps the manifest's value, so an
 * explicit 0 is honoured.
 */
public record PolicyOverrides(
    Long lagThreshold,
    Integer promoteBatchSize,
    Duration rolloutTimeout,
    Duration detectUnroutedProducersDuration,
    Duration consumerOffsetSyncDrainDuration,
    Boolean pauseConsumerOffsetSync,
    Boolean requireApproval,
    Duration approvalTimeout,
    ApprovalTimeoutAction approvalTimeoutAction,
    Duration maxFencedDuration,
    FenceErrorCode fenceErrorCode) {

  public static PolicyOverrides none() {
    return new PolicyOverrides(null, null, null, null, null, null, null, null, null, null, null);
  }

  public Policies applyTo(Policies base) {
    return new Policies(
        lagThreshold != null ? lagThreshold : base.lagThreshold(),
        promoteBatchSize != null ? promoteBatchSize : base.promoteBatchSize(),
        pick(rolloutTimeout, base.rolloutTimeout()),
        pick(detectUnroutedProducersDuration, base.detectUnroutedProducersDuration()),
        pick(consumerOffsetSyncDrainDuration, base.consumerOffsetSyncDrainDuration()),
        pauseConsumerOffsetSync != null ? pauseConsumerOffsetSync : base.pauseConsumerOffsetSync(),
        requireApproval != null ? requireApproval : base.requireApproval(),
        pick(approvalTimeout, base.approvalTimeout()),
        pick(approvalTimeoutAction, base.approvalTimeoutAction()),
        pick(maxFencedDuration, base.maxFencedDuration()),
        pick(fenceErrorCode, base.fenceErrorCode()));
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
