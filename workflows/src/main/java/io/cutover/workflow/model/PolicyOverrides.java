package io.cutover.workflow.model;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
    FenceErrorCode fenceErrorCode,
    Duration maxPromoteLagWait) {

  public static PolicyOverrides none() {
    return new PolicyOverrides(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * The policies these overrides would change on {@code current}, by name, in declaration order: an
   * override equal to the value in force changes nothing and is not listed.
   */
  public List<String> changes(Policies current) {
    Policies next = applyTo(current);
    List<String> changed = new ArrayList<>();
    RecordComponent[] after = Policies.class.getRecordComponents();
    for (RecordComponent c : after) {
      try {
        if (!Objects.equals(c.getAccessor().invoke(current), c.getAccessor().invoke(next))) {
          changed.add(c.getName());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read policy " + c.getName(), e);
      }
    }
    return changed;
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
        pick(fenceErrorCode, base.fenceErrorCode()),
        pick(maxPromoteLagWait, base.maxPromoteLagWait()));
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
