package io.cutover.activities.offsets;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.OffsetActivities.HandoffRequest;
import io.cutover.workflow.model.OffsetHandoff;
import io.cutover.workflow.model.OffsetHandoff.Group;
import io.cutover.workflow.model.OffsetHandoff.Verdict;
import io.cutover.workflow.model.TopicSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The consumer-offset handoff against two real in-process clusters: the source's committed offsets
 * (final, as the fence holds) become the destination's, group by group, and are read back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OffsetHandoffKafkaIT {
  private TwoClusters clusters;
  private TestKafka src;
  private TestKafka dst;
  private OffsetActivitiesImpl impl;

  @BeforeAll
  void startClusters() throws Exception {
    clusters = TwoClusters.start();
    src = clusters.src;
    dst = clusters.dst;
    impl = clusters.impl;
  }

  @AfterAll
  void stopClusters() throws Exception {
    clusters.close();
  }

  private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
    offsets.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(group, m).all().get();
  }

  private static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get()
        .forEach((tp, om) -> out.put(tp, om.offset()));
    return out;
  }

  private static TopicPartition tp(String topic, int p) {
    return new TopicPartition(topic, p);
  }

  private Group group(OffsetHandoff h, String name) {
    return h.listed().stream()
        .filter(g -> g.group().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + h.listed()));
  }

  @Test
  void everyGroupOnTheTopicsEndsWithTheSourcesOffsetsOrIsReportedWithWhy() throws Exception {
    src.createTopics(List.of("orders", "elsewhere"), 2);
    dst.createTopics(List.of("orders", "elsewhere"), 2);
    // The mirror holds what the source held when it stopped; p0 got 2 more records on the source
    // afterwards (stranded), which a consumer reading the source directly then committed.
    src.produce("orders", 0, 12);
    dst.produce("orders", 0, 10);
    src.produce("orders", 1, 10);
    dst.produce("orders", 1, 10);

    commit(src.admin, "synced", Map.of(tp("orders", 0), 8L, tp("orders", 1), 9L));
    commit(dst.admin, "synced", Map.of(tp("orders", 0), 8L, tp("orders", 1), 9L));
    commit(src.admin, "behind", Map.of(tp("orders", 0), 10L, tp("orders", 1), 10L));
    commit(dst.admin, "behind", Map.of(tp("orders", 0), 4L)); // p1 never synced
    commit(src.admin, "past-the-end", Map.of(tp("orders", 0), 12L));
    commit(src.admin, "active", Map.of(tp("orders", 1), 10L));
    commit(dst.admin, "active", Map.of(tp("orders", 1), 3L));
    commit(src.admin, "not-ours", Map.of(tp("elsewhere", 0), 0L));

    try (KafkaConsumer<String, String> member = consumer("active")) {
      member.subscribe(List.of("elsewhere"));
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (member.assignment().isEmpty() && System.nanoTime() < until) {
        member.poll(Duration.ofMillis(100));
      }
      assertFalse(member.assignment().isEmpty(), "the destination member joined its group");

      OffsetHandoff h = handOffOrders();

      assertEquals(4, h.groups(), "groups with offsets on the group's topics only: " + h);
      assertEquals(1, h.synced());
      assertEquals(2, h.written());
      assertEquals(1, h.unmatched());
      assertEquals("active", h.listed().get(0).group(), "the group left different comes first");

      assertEquals(Verdict.SYNCED, group(h, "synced").verdict());
      Group behind = group(h, "behind");
      assertEquals(Verdict.WRITTEN, behind.verdict());
      assertEquals(6 + 10, behind.behind(), "p0 was 6 behind, p1 had no offset (10)");
      assertEquals(
          Map.of(tp("orders", 0), 10L, tp("orders", 1), 10L), committed(dst.admin, "behind"));

      Group past = group(h, "past-the-end");
      assertEquals(Verdict.WRITTEN, past.verdict());
      assertTrue(past.detail().contains("destination's end"), past.detail());
      assertEquals(
          Map.of(tp("orders", 0), 10L),
          committed(dst.admin, "past-the-end"),
          "never past the promoted data: records produced there after SWITCH are not skipped");

      Group active = group(h, "active");
      assertEquals(Verdict.ACTIVE, active.verdict());
      assertEquals(7, active.behind());
      assertEquals(3L, committed(dst.admin, "active").get(tp("orders", 1)), "not touched");
      assertTrue(h.describe().contains("active: active"), h.describe());
    }

    OffsetHandoff again = handOffOrders();
    assertEquals(3, again.synced(), "idempotent: what was written now reads as synced: " + again);
    assertEquals(1, again.written(), "its member gone, the active group is handed over: " + again);
    assertEquals(0, again.unmatched(), again.toString());
    assertEquals(10L, committed(dst.admin, "active").get(tp("orders", 1)));
  }

  private OffsetHandoff handOffOrders() {
    return impl.handOffConsumerOffsets(
        new HandoffRequest(
            src.target("source"),
            dst.target("destination"),
            null,
            TopicSet.listed(List.of("orders"))));
  }

  private KafkaConsumer<String, String> consumer(String group) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, dst.bootstrap);
    cfg.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    cfg.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    cfg.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    cfg.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(cfg);
  }
}
