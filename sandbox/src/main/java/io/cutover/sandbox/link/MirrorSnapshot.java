package io.cutover.sandbox.link;

import java.util.List;

/**
 * A mirror topic as {@code GET .../mirrors/{topic}} shows it (REST v3 mirror topics,
 * docs/sandbox.md), read live.
 *
 * @param mirrorTopicName the destination topic (no link prefix in the sandbox: same as the source)
 * @param sourceTopicName the source topic
 * @param numPartitions partition count, equal on both sides
 * @param state the mirror status
 * @param stateTimeMs epoch ms of the last state change
 * @param lags per-partition lag, ordered by partition
 */
public record MirrorSnapshot(
    String mirrorTopicName,
    String sourceTopicName,
    int numPartitions,
    MirrorState state,
    long stateTimeMs,
    List<PartitionLag> lags) {

  public MirrorSnapshot {
    lags = List.copyOf(lags);
  }

  /** Sum of the per-partition lags. */
  public long totalLag() {
    return lags.stream().mapToLong(PartitionLag::lag).sum();
  }
}
