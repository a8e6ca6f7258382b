package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The detector on a fake clock: no Kafka, no real waiting. */
class UnroutedProducerDetectorTest {

  /** A clock that moves only when the fake sleeper sleeps. */
  static final class FakeTime extends Clock {
    Instant now = Instant.parse("2026-11-24T10:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    Sleeper sleeper() {
      return d -> {
        sleeps.add(d);
        now = now.plus(d);
      };
    }
  }

  private static TopicPartition tp(String t, int p) {
    return new TopicPartition(t, p);
  }

  @Test
  void linesAreSortedByTopicThenNumericPartitionAndCarryDeltaAndRate() {
    var first = Map.of(tp("zeta", 0), 5L, tp("alpha", 10), 0L, tp("alpha", 2), 7L);
    var second = Map.of(tp("zeta", 0), 25L, tp("alpha", 10), 4L, tp("alpha", 2), 7L);

    List<String> lines = UnroutedProducerDetector.violations(first, second, Duration.ofSeconds(10));

    assertEquals(
        List.of(
            "topic alpha partition 10: offset 0 -> 4 (+4, ~0.4 msg/s)",
            "topic zeta partition 0: offset 5 -> 25 (+20, ~2.0 msg/s)"),
        lines);
  }

  @Test
  void aPartitionAbsentFromTheFirstSnapshotCountsFromZero() {
    var first = Map.of(tp("t", 0), 3L);
    var second = Map.of(tp("t", 0), 3L, tp("t", 1), 0L, tp("t", 2), 6L);

    assertEquals(
        List.of("topic t partition 2: offset 0 -> 6 (+6, ~0.6 msg/s)"),
        UnroutedProducerDetector.violations(first, second, Duration.ofSeconds(10)));
  }

  @Test
  void vanishedOrShrunkPartitionsAreNotViolations() {
    var first = Map.of(tp("gone", 0), 9L, tp("t", 0), 9L);
    var second = Map.of(tp("t", 0), 4L); // e.g. topic recreated

    assertTrue(
        UnroutedProducerDetector.violations(first, second, Duration.ofSeconds(10)).isEmpty());
  }

  @Test
  void theWindowIsWaitedInHeartbeatSizedStepsBetweenTwoSnapshots() throws Exception {
    FakeTime time = new FakeTime();
    Deque<Map<TopicPartition, Long>> snapshots =
        new ArrayDeque<>(List.of(Map.of(tp("t", 0), 1L), Map.of(tp("t", 0), 11L)));
    List<Object> beats = new ArrayList<>();
    var detector = new UnroutedProducerDetector(time, time.sleeper(), Duration.ofSeconds(2));
    Instant start = time.now;

    UnroutedProducerReport r =
        detector.detect(snapshots::removeFirst, Duration.ofSeconds(5), beats::add);

    assertEquals(
        List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1)), time.sleeps);
    assertEquals(4, beats.size(), "one heartbeat at the start and one after each step");
    assertEquals(start, r.from());
    assertEquals(start.plusSeconds(5), r.to());
    assertEquals(List.of("topic t partition 0: offset 1 -> 11 (+10, ~2.0 msg/s)"), r.violations());
  }

  @Test
  void thousandsOfMovedPartitionsAreCountedButOnlyTheFirstFiftyListed() throws Exception {
    FakeTime time = new FakeTime();
    Map<TopicPartition, Long> before = new java.util.HashMap<>();
    Map<TopicPartition, Long> after = new java.util.HashMap<>();
    for (int p = 0; p < 19_200; p++) {
      before.put(tp("busy-" + (p / 12), p % 12), 0L);
      after.put(tp("busy-" + (p / 12), p % 12), 5L);
    }
    Deque<Map<TopicPartition, Long>> snapshots = new ArrayDeque<>(List.of(before, after));
    var detector = new UnroutedProducerDetector(time, time.sleeper(), Duration.ofSeconds(2));

    UnroutedProducerReport r =
        detector.detect(snapshots::removeFirst, Duration.ofSeconds(10), b -> {});

    assertEquals(19_200, r.movedPartitions());
    assertEquals(
        UnroutedProducerReport.MAX_LISTED,
        r.violations().size(),
        "the activity result stays small");
    org.junit.jupiter.api.Assertions.assertFalse(r.clean());
  }

  @Test
  void aHeartbeatThatThrowsStopsTheWindow() {
    FakeTime time = new FakeTime();
    var detector = new UnroutedProducerDetector(time, time.sleeper(), Duration.ofSeconds(2));
    RuntimeException cancelled = new RuntimeException("cancelled");
    int[] beats = {0};

    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () ->
                detector.detect(
                    Map::of,
                    Duration.ofMinutes(10),
                    d -> {
                      if (++beats[0] == 3) {
                        throw cancelled;
                      }
                    }));

    assertEquals(cancelled, e);
    assertEquals(2, time.sleeps.size(), "stopped after the heartbeat that reported the cancel");
  }

  @Test
  void aFailedSecondSnapshotFailsTheDetectionInsteadOfReportingClean() {
    FakeTime time = new FakeTime();
    var detector = new UnroutedProducerDetector(time, time.sleeper(), Duration.ofSeconds(2));
    int[] calls = {0};

    OffsetSweepException e =
        assertThrows(
            OffsetSweepException.class,
            () ->
                detector.detect(
                    () -> {
                      if (calls[0]++ == 1) {
                        throw new OffsetSweepException(
                            OffsetSweepException.Kind.TRANSIENT, "broker down");
                      }
                      return Map.of(tp("t", 0), 1L);
                    },
                    Duration.ofSeconds(3),
                    d -> {}));

    assertEquals("broker down", e.getMessage());
  }
}
