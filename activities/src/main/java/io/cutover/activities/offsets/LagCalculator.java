package io.cutover.activities.offsets;

import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.TopicLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/** Mirror lag from end offsets. Pure: no I/O, no clock. */
public final class LagCalculator {
  private LagCalculator() {}

  /**
   * Lag per topic: the sum over the topic's source partitions of max(0, source - destination). A
   * partition missing on the destination counts its whole source end offset; a destination ahead of
   * the source counts 0 (it does not offset another partition's lag). Topics with no source
   * partitions have lag 0.
   *
   * @return lag by topic name, sorted by name, one entry per distinct topic in {@code topics}
   */
  public static Map<String, Long> topicLags(
      Collection<String> topics,
      Map<TopicPartition, Long> source,
      Map<TopicPartition, Long> destination) {
    Map<String, Long> lags = new TreeMap<>();
    for (String t : topics) {
      lags.put(t, 0L);
    }
    for (var e : source.entrySet()) {
      TopicPartition tp = e.getKey();
      Long current = lags.get(tp.topic());
      if (current == null) {
        continue; // not asked for
      }
      long dst = destination.getOrDefault(tp, 0L);
      lags.put(tp.topic(), current + Math.max(0L, e.getValue() - dst));
    }
    return lags;
  }

  /**
   * A snapshot of {@code lags}: counts, total, and the topics above {@code threshold} (a topic at
   * exactly the threshold is within it), largest lag first, ties by name, at most {@link
   * LagSnapshot#MAX_LISTED}.
   */
  public static LagSnapshot snapshot(Instant measuredAt, Map<String, Long> lags, long threshold) {
    List<TopicLag> over = new ArrayList<>();
    long total = 0;
    int zero = 0;
    for (var e : lags.entrySet()) {
      long lag = e.getValue();
      total += lag;
      if (lag == 0) {
        zero++;
      }
      if (lag > threshold) {
        over.add(new TopicLag(e.getKey(), lag));
      }
    }
    over.sort(Comparator.comparingLong(TopicLag::lag).reversed().thenComparing(TopicLag::topic));
    List<TopicLag> listed =
        over.size() > LagSnapshot.MAX_LISTED ? over.subList(0, LagSnapshot.MAX_LISTED) : over;
    return new LagSnapshot(measuredAt, lags.size(), over.size(), total, listed, zero);
  }

  /** {@link #topicLags} then {@link #snapshot(Instant, Map, long)}. */
  public static LagSnapshot snapshot(
      Instant measuredAt,
      Collection<String> topics,
      Map<TopicPartition, Long> source,
      Map<TopicPartition, Long> destination,
      long threshold) {
    return snapshot(measuredAt, topicLags(topics, source, destination), threshold);
  }

  /**
   * The topics that may be promoted: lag exactly 0, whatever the lag-wait threshold (promoting a
   * topic with any lag would drop the records not yet mirrored). Sorted by name.
   */
  public static List<String> promotable(Map<String, Long> lags) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(lags)
        .forEach(
            (t, lag) -> {
              if (lag == 0) {
                out.add(t);
              }
            });
    return out;
  }
}
