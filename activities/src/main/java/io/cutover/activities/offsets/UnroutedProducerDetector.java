package io.cutover.activities.offsets;

import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Detects producers that bypass the fenced gateway: while the gateway is fenced no routed producer
 * can write, so any source end offset that moves during the window was written directly to the
 * source cluster.
 */
public final class UnroutedProducerDetector {

  /** One sweep of source end offsets. */
  @FunctionalInterface
  public interface Snapshot {
    Map<TopicPartition, Long> take();
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration heartbeatEvery;

  /**
   * @param heartbeatEvery longest sleep between two heartbeats during the window
   */
  public UnroutedProducerDetector(Clock clock, Sleeper sleeper, Duration heartbeatEvery) {
    this.clock = clock;
    this.sleeper = sleeper;
    boolean positive = !heartbeatEvery.isZero() && !heartbeatEvery.isNegative();
    this.heartbeatEvery = positive ? heartbeatEvery : Duration.ofMillis(1);
  }

  /**
   * Takes snapshot 1, waits {@code window} (heartbeating a short progress text), takes snapshot 2,
   * and reports every partition whose end offset grew. Violations are data, not an exception. Reads
   * only; safe to repeat.
   *
   * @throws InterruptedException if interrupted during the window
   * @throws OffsetSweepException if a snapshot fails (no tolerance here: a half-seen window proves
   *     nothing)
   */
  public UnroutedProducerReport detect(Snapshot snapshot, Duration window, Heartbeat heartbeat)
      throws InterruptedException {
    Map<TopicPartition, Long> first = snapshot.take();
    Instant from = clock.instant();
    Instant end = from.plus(window);
    heartbeat.beat(progress(from, window));
    while (true) {
      Duration left = Duration.between(clock.instant(), end);
      if (left.isNegative() || left.isZero()) {
        break;
      }
      sleeper.sleep(left.compareTo(heartbeatEvery) < 0 ? left : heartbeatEvery);
      heartbeat.beat(progress(from, window));
    }
    Map<TopicPartition, Long> second = snapshot.take();
    Instant to = clock.instant();
    return UnroutedProducerReport.of(
        from, to, violations(first, second, Duration.between(from, to)));
  }

  private String progress(Instant from, Duration window) {
    long elapsed = Duration.between(from, clock.instant()).toSeconds();
    return "monitoring source end offsets: " + elapsed + "s of " + window.toSeconds() + "s";
  }

  /**
   * The partitions of {@code ends} whose offset exceeds their {@code base} offset (0 when {@code
   * base} lacks the partition), sorted by topic then partition number. Partitions only in {@code
   * base} are ignored.
   */
  static List<TopicPartition> beyond(
      Map<TopicPartition, Long> ends, Map<TopicPartition, Long> base) {
    List<TopicPartition> ahead = new ArrayList<>();
    for (var e : ends.entrySet()) {
      if (e.getValue() > base.getOrDefault(e.getKey(), 0L)) {
        ahead.add(e.getKey());
      }
    }
    ahead.sort(
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    return ahead;
  }

  /**
   * One line per partition of {@code second} whose offset exceeds its {@code first} value (0 when
   * the partition was absent, so a partition created during the window counts from 0), sorted by
   * topic then partition number: {@code topic <t> partition <p>: offset <o1> -> <o2> (+<delta>,
   * ~<rate> msg/s)}. Partitions gone from {@code second} are ignored.
   */
  public static List<String> violations(
      Map<TopicPartition, Long> first, Map<TopicPartition, Long> second, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    List<String> lines = new ArrayList<>();
    for (TopicPartition tp : beyond(second, first)) {
      long o1 = first.getOrDefault(tp, 0L);
      long o2 = second.get(tp);
      long delta = o2 - o1;
      lines.add(
          String.format(
              Locale.ROOT,
              "topic %s partition %d: offset %d -> %d (+%d, ~%.1f msg/s)",
              tp.topic(),
              tp.partition(),
              o1,
              o2,
              delta,
              delta / seconds));
    }
    return lines;
  }
}
