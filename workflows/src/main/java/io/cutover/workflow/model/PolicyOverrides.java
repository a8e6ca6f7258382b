package io.cutover.workflow.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Per-attempt overrides sent with {@code execute}, one component per {@link Policies} component
 * (the descriptors in {@link PolicyCatalog} say what each is). A null field keeps the manifest's
 * value, so an explicit 0 is honoured. A wire format like Policies: add components, never rename or
 * remove one.
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
    Duration maxPromoteLagWait,
    Duration strandedWritesWatchDuration) {

  public static PolicyOverrides none() {
    return PolicyRecords.build(PolicyOverrides.class, name -> null);
  }

  /** These overrides with {@code policy} overridden by {@code value} (null: not overridden). */
  public <T> PolicyOverrides with(PolicyDescriptor<T> policy, T value) {
    return PolicyRecords.build(
        PolicyOverrides.class,
        name -> name.equals(policy.name()) ? value : PolicyRecords.read(this, name));
  }

  /**
   * The policies these overrides would change on {@code current}, by name, in declaration order: an
   * override equal to the value in force changes nothing and is not listed.
   */
  public List<String> changes(Policies current) {
    Policies next = applyTo(current);
    return PolicyCatalog.ALL.stream()
        .filter(d -> !Objects.equals(d.get(current), d.get(next)))
        .map(PolicyDescriptor::name)
        .toList();
  }

  public Policies applyTo(Policies base) {
    return PolicyRecords.build(
        Policies.class,
        name -> {
          Object override = PolicyRecords.read(this, name);
          return override != null ? override : PolicyRecords.read(base, name);
        });
  }
}
