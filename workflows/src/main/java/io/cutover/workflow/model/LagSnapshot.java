package io.cutover.workflow.model;

import java.time.Instant;
import java.util.List;

/**
 * One measurement of mirror lag over a set of topics. To keep workflow history small, only the
 * topics above the threshold are listed, largest first, at most {@link #MAX_LISTED}.
 *
 * @param measuredAt when the end offsets were read
 * @param topicCount topics measured
 * @param overThreshold how many topics have lag above the threshold
 * @param totalLag sum of every topic's lag
 * @param lagging the topics above the threshold, largest lag first (capped)
 * @param zeroLagTopics number of topics at exactly zero lag
 */
public record LagSnapshot(
    Instant measuredAt,
    int topicCount,
    int overThreshold,
    long totalLag,
    List<TopicLag> lagging,
    int zeroLagTopics) {

  public static final int MAX_LISTED = 50;

  /** Topics a heartbeat lists: followers print the largest three; the counts say the rest. */
  public static final int HEARTBEAT_LISTED = 10;

  public LagSnapshot {
    lagging = lagging == null ? List.of() : List.copyOf(lagging);
  }

  /**
   * This measurement as a small progress record for heartbeats (sent every few seconds while a wait
   * lasts).
   */
  public LagSnapshot forHeartbeat() {
    return lagging.size() <= HEARTBEAT_LISTED
        ? this
        : new LagSnapshot(
            measuredAt,
            topicCount,
            overThreshold,
            totalLag,
            lagging.subList(0, HEARTBEAT_LISTED),
            zeroLagTopics);
  }

  public boolean withinThreshold() {
    return overThreshold == 0;
  }
}
