package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.StrandedWrites;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StrandedWriteFinderTest {
  private static final Instant AT = Instant.parse("2026-12-02T07:00:00Z");

  private static TopicPartition tp(String t, int p) {
    return new TopicPartition(t, p);
  }

  @Test
  void everySourceOffsetBeyondWhereItsMirrorStoppedIsCountedExactly() {
    StrandedWrites s =
        StrandedWriteFinder.compare(
            AT,
            Map.of(tp("orders", 1), 130L, tp("orders", 0), 100L, tp("audit", 0), 3L),
            Map.of(tp("orders", 1), 120L, tp("orders", 0), 100L));
    assertEquals(2, s.partitions());
    assertEquals(13, s.records(), "10 on orders-1, and audit-0's 3: its mirror copied nothing");
    assertEquals(
        List.of(
            "topic audit partition 0: offsets 0..2 (3 record(s)) on the source only",
            "topic orders partition 1: offsets 120..129 (10 record(s)) on the source only"),
        s.lines());
  }

  @Test
  void aDestinationAheadOfTheSourceIsNotAStrandedWrite() {
    StrandedWrites s =
        StrandedWriteFinder.compare(AT, Map.of(tp("orders", 0), 5L), Map.of(tp("orders", 0), 9L));
    assertFalse(s.any());
    assertEquals("no record was written to the source after its mirror stopped", s.describe());
  }

  @Test
  void manyPartitionsAreCountedInFullAndListedUpToTheCap() {
    var source = new java.util.HashMap<TopicPartition, Long>();
    IntStream.range(0, 80).forEach(p -> source.put(tp("orders", p), 2L));
    StrandedWrites s = StrandedWriteFinder.compare(AT, source, Map.of());
    assertEquals(80, s.partitions());
    assertEquals(160, s.records());
    assertEquals(StrandedWrites.MAX_LISTED, s.lines().size());
    assertTrue(s.describe().contains("(and 30 more partition(s))"), s.describe());
  }
}
