package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.OffsetActivities.RecheckRequest;
import io.cutover.workflow.activity.OffsetActivities.StrandedRequest;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.StrandedWrites;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Where the mirrors stopped, recorded on a real destination at the end of PROMOTE, is what the
 * source is compared with after SWITCH, when the destination has moved on with the clients' writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MirrorStopsKafkaIT {
  private TwoClusters c;

  @BeforeAll
  void startClusters() throws Exception {
    c = TwoClusters.start();
  }

  @AfterAll
  void stopClusters() throws Exception {
    c.close();
  }

  private static TopicPartition tp(String topic, int p) {
    return new TopicPartition(topic, p);
  }

  private StrandedWrites check(String topic, String group) {
    return c.impl.findStrandedWrites(
        new StrandedRequest(
            c.src.target("source"),
            c.dst.target("destination"),
            null,
            TopicSet.listed(List.of(topic)),
            group));
  }

  private StrandedWrites recheck(MirrorStops stops) {
    return c.impl.recheckStrandedWrites(
        new RecheckRequest(c.src.target("source"), c.dst.target("destination"), stops));
  }

  @Test
  void writesToTheSourceAfterSwitchAreCountedFromWhereTheMirrorsStopped() throws Exception {
    c.src.createTopics(List.of("orders"), 2);
    c.dst.createTopics(List.of("orders"), 2);
    // The mirrors stopped at 10 and 10; p0 got 2 more records on the source before the check.
    c.src.produce("orders", 0, 12);
    c.src.produce("orders", 1, 10);
    c.dst.produce("orders", 0, 10);
    c.dst.produce("orders", 1, 10);

    StrandedWrites atPromote = check("orders", MirrorStops.groupFor("orders-it"));

    assertEquals(2, atPromote.records(), atPromote.toString());
    MirrorStops stops = atPromote.stops();
    assertTrue(stops.recorded(), stops.problem());
    assertEquals(2, stops.partitions());
    Map<TopicPartition, OffsetAndMetadata> kept =
        c.dst.admin.listConsumerGroupOffsets(stops.group()).partitionsToOffsetAndMetadata().get();
    assertEquals(10L, kept.get(tp("orders", 0)).offset());
    assertEquals(10L, kept.get(tp("orders", 1)).offset());
    assertEquals(MirrorStops.metadata(stops.recordedAt()), kept.get(tp("orders", 0)).metadata());

    // After SWITCH: the clients write to the destination, a rogue producer to the source.
    c.dst.produce("orders", 0, 5);
    c.dst.produce("orders", 1, 5);
    c.src.produce("orders", 1, 3);

    StrandedWrites later = recheck(stops);

    assertEquals(2, later.partitions(), later.toString());
    assertEquals(5, later.records(), "2 before the check and 3 after SWITCH: " + later);
    assertEquals(
        List.of(
            "topic orders partition 0: offsets 10..11 (2 record(s)) on the source only",
            "topic orders partition 1: offsets 10..12 (3 record(s)) on the source only"),
        later.lines());
    assertEquals(stops, later.stops());
  }

  @Test
  void aRecordDeletedOrOverwrittenStopsTheWatchNamingTheGroup() throws Exception {
    c.src.createTopics(List.of("payments"), 1);
    c.dst.createTopics(List.of("payments"), 1);
    c.src.produce("payments", 0, 4);
    c.dst.produce("payments", 0, 4);
    MirrorStops stops = check("payments", MirrorStops.groupFor("payments-it")).stops();
    assertTrue(stops.recorded(), stops.problem());

    c.dst
        .admin
        .alterConsumerGroupOffsets(
            stops.group(), Map.of(tp("payments", 0), new OffsetAndMetadata(9, "by hand")))
        .all()
        .get();
    ApplicationFailure overwritten = assertThrows(ApplicationFailure.class, () -> recheck(stops));
    assertEquals(FailureTypes.MIRROR_STOPS_LOST, overwritten.getType());
    assertTrue(overwritten.isNonRetryable());
    assertTrue(
        overwritten.getOriginalMessage().contains(stops.group())
            && overwritten.getOriginalMessage().contains("overwrote"),
        overwritten.getOriginalMessage());

    c.dst.admin.deleteConsumerGroups(List.of(stops.group())).all().get();
    ApplicationFailure gone = assertThrows(ApplicationFailure.class, () -> recheck(stops));
    assertEquals(FailureTypes.MIRROR_STOPS_LOST, gone.getType());
    assertTrue(gone.getOriginalMessage().contains("deleted"), gone.getOriginalMessage());
  }
}
