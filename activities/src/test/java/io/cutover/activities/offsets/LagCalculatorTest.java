package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.TopicLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagCalculatorTest {
  private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");

  private static TopicPartition tp(String t, int p) {
    return new TopicPartition(t, p);
  }

  @Test
  void lagSumsThePositiveDifferencesOverPartitions() {
    var src = Map.of(tp("a", 0), 10L, tp("a", 1), 7L);
    var dst = Map.of(tp("a", 0), 8L, tp("a", 1), 4L);

    assertEquals(Map.of("a", 5L), LagCalculator.topicLags(List.of("a"), src, dst));
  }

  @Test
  void aPartitionMissingOnTheDestinationCountsItsWholeSourceOffset() {
    var src = Map.of(tp("a", 0), 10L, tp("a", 1), 7L);
    var dst = Map.of(tp("a", 0), 10L);

    assertEquals(Map.of("a", 7L), LagCalculator.topicLags(List.of("a"), src, dst));
  }

  @Test
  void aDestinationAheadCountsZeroAndDoesNotOffsetAnotherPartition() {
    var src = Map.of(tp("a", 0), 3L, tp("a", 1), 9L);
    var dst = Map.of(tp("a", 0), 100L, tp("a", 1), 6L);

    assertEquals(Map.of("a", 3L), LagCalculator.topicLags(List.of("a"), src, dst));
  }

  @Test
  void extraDestinationPartitionsAndUnrequestedTopicsAreIgnored() {
    var src = Map.of(tp("a", 0), 3L, tp("other", 0), 50L);
    var dst = Map.of(tp("a", 0), 3L, tp("a", 5), 99L);

    assertEquals(Map.of("a", 0L), LagCalculator.topicLags(List.of("a", "a"), src, dst));
  }

  @Test
  void aTopicAtTheThresholdIsWithinItAndOneAboveIsNot() {
    Map<String, Long> lags = Map.of("a", 4L, "b", 5L);

    LagSnapshot s = LagCalculator.snapshot(AT, lags, 4);

    assertEquals(1, s.overThreshold());
    assertEquals(List.of(new TopicLag("b", 5)), s.lagging());
    assertEquals(9, s.totalLag());
    assertFalse(s.withinThreshold());
    assertTrue(LagCalculator.snapshot(AT, lags, 5).withinThreshold());
  }

  @Test
  void laggingTopicsAreSortedByLagDescendingThenByName() {
    Map<String, Long> lags = new LinkedHashMap<>();
    lags.put("c", 2L);
    lags.put("a", 9L);
    lags.put("b", 2L);
    lags.put("z", 0L);

    LagSnapshot s = LagCalculator.snapshot(AT, lags, 0);

    assertEquals(
        List.of(new TopicLag("a", 9), new TopicLag("b", 2), new TopicLag("c", 2)), s.lagging());
    assertEquals(1, s.zeroLagTopics());
    assertEquals(4, s.topicCount());
    assertEquals(AT, s.measuredAt());
  }

  @Test
  void theListIsCappedButTheCountsCoverEveryTopic() {
    Map<String, Long> lags = new HashMap<>();
    for (int i = 1; i <= LagSnapshot.MAX_LISTED + 25; i++) {
      lags.put(String.format("t%03d", i), (long) i);
    }

    LagSnapshot s = LagCalculator.snapshot(AT, lags, 0);

    assertEquals(LagSnapshot.MAX_LISTED, s.lagging().size());
    assertEquals(LagSnapshot.MAX_LISTED + 25, s.overThreshold());
    assertEquals(new TopicLag("t075", 75), s.lagging().get(0));
    assertEquals(new TopicLag("t026", 26), s.lagging().get(LagSnapshot.MAX_LISTED - 1));
    assertEquals(75L * 76 / 2, s.totalLag());
  }

  @Test
  void onlyZeroLagTopicsArePromotableWhateverTheThreshold() {
    Map<String, Long> lags = Map.of("b", 0L, "a", 0L, "c", 1L);

    assertEquals(List.of("a", "b"), LagCalculator.promotable(lags));
  }

  @Test
  void noTopicsGiveAnEmptySnapshotWithinThreshold() {
    LagSnapshot s = LagCalculator.snapshot(AT, List.of(), Map.of(), Map.of(), 0);

    assertTrue(s.withinThreshold());
    assertEquals(0, s.topicCount());
    assertEquals(new ArrayList<TopicLag>(), s.lagging());
  }
}
