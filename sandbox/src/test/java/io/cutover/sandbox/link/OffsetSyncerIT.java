package io.cutover.sandbox.link;

import static io.cutover.sandbox.link.LinkTestClients.commit;
import static io.cutover.sandbox.link.LinkTestClients.committed;
import static io.cutover.sandbox.link.LinkTestClients.eventually;
import static io.cutover.sandbox.link.LinkTestClients.produce;
import static io.cutover.sandbox.link.LinkTestClients.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.sandbox.kafka.KafkaClusters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Consumer-offset sync: enable flag, group filters, interval, active groups, hold-back, final sync.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OffsetSyncerIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private KafkaClusters kafka;
  private ClusterLinkSimulator link;
  private Admin src;
  private Admin dst;

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaClusters.start();
    link =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "sync-link", "lkc-sync");
    src = LinkTestClients.admin(kafka.sourceBootstrap());
    dst = LinkTestClients.admin(kafka.destinationBootstrap());
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {src, dst, link, kafka}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @BeforeEach
  void syncEverythingEvery100ms() {
    link.alterConfigs(
        List.of(
            ConfigOp.set(LinkConfigs.SYNC_ENABLE, "true"),
            ConfigOp.set(LinkConfigs.SYNC_MS, "100"),
            ConfigOp.set(LinkConfigs.GROUP_FILTERS, GroupFilters.includeAllJson())));
  }

  private void mirrorWithRecords(String topic, int partitions, int records) throws Exception {
    kafka.createTopics(List.of(topic), partitions);
    link.addMirror(topic);
    produce(kafka.sourceBootstrap(), topic, partitions, 0, records);
    assertTrue(link.awaitZeroLag(topic, WAIT));
  }

  private void awaitRounds(int n) throws InterruptedException {
    long target = link.stats().offsetSyncRounds() + n;
    assertTrue(
        eventually(WAIT, () -> link.stats().offsetSyncRounds() >= target),
        "sync rounds did not advance");
  }

  @Test
  void enabledSyncCopiesACommittedOffsetOfAMatchingGroup() throws Exception {
    mirrorWithRecords("s-basic", 2, 200);
    commit(src, "app-basic", "s-basic", 2, 60);
    assertTrue(
        eventually(
            WAIT,
            () ->
                Map.of(0, 60L, 1, 60L)
                    .equals(unchecked(() -> committed(dst, "app-basic", "s-basic")))));
  }

  @Test
  void groupFiltersDecideWhichGroupsAreSynced() throws Exception {
    mirrorWithRecords("s-filter", 1, 50);
    link.setConfig(
        LinkConfigs.GROUP_FILTERS,
        "{\"groupFilters\":["
            + "{\"name\":\"team-\",\"patternType\":\"PREFIXED\",\"filterType\":\"INCLUDE\"},"
            + "{\"name\":\"team-secret\",\"patternType\":\"LITERAL\",\"filterType\":\"EXCLUDE\"}]}");
    commit(src, "team-a", "s-filter", 1, 7);
    commit(src, "team-secret", "s-filter", 1, 8);
    commit(src, "other-app", "s-filter", 1, 9);

    assertTrue(
        eventually(
            WAIT,
            () -> Map.of(0, 7L).equals(unchecked(() -> committed(dst, "team-a", "s-filter")))));
    awaitRounds(3);
    assertEquals(Map.of(), committed(dst, "team-secret", "s-filter"), "EXCLUDE wins over INCLUDE");
    assertEquals(
        Map.of(),
        committed(dst, "other-app", "s-filter"),
        "a group no filter includes is not synced");
  }

  @Test
  void syncEnabledWithoutFiltersSyncsNothing() throws Exception {
    mirrorWithRecords("s-nofilter", 1, 20);
    link.resetConfig(LinkConfigs.GROUP_FILTERS);
    commit(src, "nofilter-app", "s-nofilter", 1, 5);
    awaitRounds(4);
    assertEquals(Map.of(), committed(dst, "nofilter-app", "s-nofilter"));
  }

  @Test
  void disablingSyncStopsCopyingAndClearsTheFilters() throws Exception {
    mirrorWithRecords("s-disable", 1, 50);
    commit(src, "dis-app", "s-disable", 1, 10);
    assertTrue(
        eventually(
            WAIT,
            () -> Map.of(0, 10L).equals(unchecked(() -> committed(dst, "dis-app", "s-disable")))));

    link.setConfig(LinkConfigs.SYNC_ENABLE, "false");
    assertEquals(
        "",
        link.configs().get(LinkConfigs.GROUP_FILTERS),
        "disabling sync clears the group filters");
    assertTrue(link.configEntry(LinkConfigs.GROUP_FILTERS).isDefault());
    long rounds = link.stats().offsetSyncRounds();
    commit(src, "dis-app", "s-disable", 1, 20);
    Thread.sleep(600); // six intervals
    assertEquals(rounds, link.stats().offsetSyncRounds(), "no rounds run while disabled");
    assertEquals(Map.of(0, 10L), committed(dst, "dis-app", "s-disable"));
  }

  @Test
  void syncIntervalIsHonoured() throws Exception {
    long before = link.stats().offsetSyncRounds();
    Thread.sleep(1000);
    long fast = link.stats().offsetSyncRounds() - before;
    // At most one round per interval (+1 for the edges); the lower bound only proves it repeats.
    assertTrue(fast >= 3 && fast <= 11, "100 ms interval gave " + fast + " rounds in 1 s");

    link.setConfig(LinkConfigs.SYNC_MS, "5000");
    Thread.sleep(150); // let a round that was due at the switch finish
    before = link.stats().offsetSyncRounds();
    Thread.sleep(1000);
    assertTrue(
        link.stats().offsetSyncRounds() - before <= 1,
        "5000 ms interval ran more than one round in 1 s");
  }

  @Test
  void groupActiveOnTheDestinationIsSkippedUntilItLeaves() throws Exception {
    mirrorWithRecords("s-active", 1, 30);
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.destinationBootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "live-app");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of("s-active"));
      assertTrue(
          eventually(
              WAIT,
              () -> {
                c.poll(Duration.ofMillis(50));
                return !c.assignment().isEmpty();
              }),
          "the destination consumer did not join");
      long skipped = link.stats().skippedActiveGroups();
      commit(src, "live-app", "s-active", 1, 5);
      assertTrue(eventually(WAIT, () -> link.stats().skippedActiveGroups() > skipped));
      assertEquals(
          Map.of(),
          committed(dst, "live-app", "s-active"),
          "an active group's offsets are not overwritten");
    }
    assertTrue(
        eventually(
            WAIT,
            () -> Map.of(0, 5L).equals(unchecked(() -> committed(dst, "live-app", "s-active")))),
        "synced once the group is empty");
  }

  @Test
  void offsetBeyondTheMirroredDataIsHeldBackUntilTheCopierCatchesUp() throws Exception {
    mirrorWithRecords("s-ahead", 1, 100);
    commit(src, "ahead-app", "s-ahead", 1, 150);
    awaitRounds(3);
    assertEquals(Map.of(), committed(dst, "ahead-app", "s-ahead"));

    produce(kafka.sourceBootstrap(), "s-ahead", 1, 100, 100);
    assertTrue(
        eventually(
            WAIT,
            () -> Map.of(0, 150L).equals(unchecked(() -> committed(dst, "ahead-app", "s-ahead")))));
  }

  @Test
  void promoteRunsAFinalSyncBeforeStopped() throws Exception {
    mirrorWithRecords("s-final", 1, 40);
    link.setConfig(LinkConfigs.SYNC_MS, "60000");
    Thread.sleep(150);
    commit(src, "final-app", "s-final", 1, 30);
    Thread.sleep(200);
    assertEquals(
        Map.of(), committed(dst, "final-app", "s-final"), "no interval round is due for a minute");

    assertTrue(link.promote("s-final").accepted());
    assertTrue(link.awaitState("s-final", MirrorState.STOPPED, WAIT));
    assertEquals(
        Map.of(0, 30L),
        committed(dst, "final-app", "s-final"),
        "the final sync ran before STOPPED");
  }

  @Test
  void manyMirrorsPromotedAtOnceShareTheirFinalSyncRounds() throws Exception {
    List<String> topics = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      topics.add("s-many-" + i);
    }
    kafka.createTopics(topics, 1);
    for (String t : topics) {
      link.addMirror(t);
      produce(kafka.sourceBootstrap(), t, 1, 0, 5);
    }
    for (String t : topics) {
      assertTrue(link.awaitZeroLag(t, WAIT), t);
    }
    link.setConfig(LinkConfigs.SYNC_MS, "60000");
    Thread.sleep(150);
    for (String t : topics) {
      commit(src, "many-app", t, 1, 4);
    }
    long roundsBefore = link.stats().finalSyncRounds();

    assertTrue(link.promote(topics, false).stream().allMatch(PromoteOutcome::accepted));
    for (String t : topics) {
      assertTrue(link.awaitState(t, MirrorState.STOPPED, WAIT), t);
    }

    for (String t : topics) {
      assertEquals(Map.of(0, 4L), committed(dst, "many-app", t), "final sync of " + t);
    }
    long rounds = link.stats().finalSyncRounds() - roundsBefore;
    assertTrue(rounds >= 1 && rounds < topics.size() / 2, rounds + " final rounds for 40 mirrors");
  }
}
