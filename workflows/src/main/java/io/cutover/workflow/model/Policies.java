package io.cutover.workflow.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a cutover runs. The manifest sets them; {@code execute} may override any of them for one
 * attempt (see {@link PolicyOverrides}). What each one means, its default and its rules are its
 * descriptor in {@link PolicyCatalog}; this record is its value and the wire format of the history:
 * add components, never rename or remove one.
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
    Duration maxPromoteLagWait,
    Duration strandedWritesWatchDuration) {

  public Policies {
    // A history recorded before a policy existed holds null for it: that reads as its default.
    if (strandedWritesWatchDuration == null) {
      strandedWritesWatchDuration = PolicyCatalog.STRANDED_WRITES_WATCH_DURATION.defaultValue();
    }
  }

  /**
   * The policies a retry of a held step may change: they bound waits or size batches. Every other
   * policy shaped what the attempt already did (offset sync paused, the fence's error code).
   */
  public static final List<String> RETRY_SAFE =
      PolicyCatalog.ALL.stream()
          .filter(PolicyDescriptor::retrySafe)
          .map(PolicyDescriptor::name)
          .toList();

  public static Policies defaults() {
    return PolicyRecords.build(Policies.class, name -> PolicyCatalog.named(name).defaultValue());
  }

  /** These policies with {@code policy} set to {@code value}. */
  public <T> Policies with(PolicyDescriptor<T> policy, T value) {
    return PolicyRecords.build(
        Policies.class,
        name -> name.equals(policy.name()) ? value : PolicyRecords.read(this, name));
  }

  /**
   * Every problem with these values, each naming the field and the fix. Empty when valid.
   *
   * @param prefix field path prefix, e.g. {@code spec.defaultPolicies.} or {@code --}
   */
  public List<String> problems(String prefix) {
    List<String> p = new ArrayList<>();
    PolicyCatalog.ALL.forEach(d -> p.addAll(d.problems(this, prefix)));
    return p;
  }
}
