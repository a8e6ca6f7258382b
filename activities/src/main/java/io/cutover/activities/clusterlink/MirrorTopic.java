package io.cutover.activities.clusterlink;

import java.util.List;

/**
 * A mirror topic on the link, as listed by {@code GET .../mirrors}.
 *
 * @param mirrorStatus ACTIVE, PAUSED, PENDING_STOPPED, STOPPED, FAILED, ...
 * @param lags per-partition {@code mirror_lags}; only as fresh as the link's last fetch
 * @param stateTimeMs epoch ms of the last state change; 0 when absent
 * @param mirrorTopicError CC's {@code mirror_topic_error}; empty when absent
 */
public record MirrorTopic(
    String mirrorTopicName,
    String sourceTopicName,
    String mirrorStatus,
    int numPartitions,
    List<PartitionLag> lags,
    long stateTimeMs,
    String mirrorTopicError) {

  public static final String STOPPED = "STOPPED";
  public static final String PENDING_STOPPED = "PENDING_STOPPED";
  public static final String FAILED = "FAILED";
  public static final String ACTIVE = "ACTIVE";

  public MirrorTopic {
    lags = List.copyOf(lags);
  }

  /** Sum of the partitions' lag. */
  public long totalLag() {
    return lags.stream().mapToLong(PartitionLag::lag).sum();
  }

  /** Promote was accepted earlier: the topic is on its way to, or at, STOPPED. */
  public boolean promoted() {
    return STOPPED.equals(mirrorStatus) || PENDING_STOPPED.equals(mirrorStatus);
  }

  /** One partition's {@code mirror_lags} entry. */
  public record PartitionLag(int partition, long lag, long lastSourceFetchOffset) {}
}
