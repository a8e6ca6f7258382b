package io.cutover.sandbox.link;

import static io.cutover.sandbox.link.LinkTestClients.produce;
import static io.cutover.sandbox.link.LinkTestClients.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.sandbox.kafka.KafkaClusters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The copier (offsets, content, lag, restart) and promote (drain, per-topic stop, per-topic
 * errors).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLinkSimulatorIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private KafkaClusters kafka;
  private ClusterLinkSimulator link;

  @BeforeAll
  void start() {
    kafka = KafkaClusters.start();
    link =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "sim-link", "lkc-sim");
  }

  @AfterAll
  void stop() {
    if (link != null) {
      link.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void copierKeepsOffsetsKeysTimestampsAndHeadersEqualAcrossPartitions() throws Exception {
    kafka.createTopics(List.of("orders"), 3);
    produce(kafka.sourceBootstrap(), "orders", 3, 0, 3000);
    link.addMirror("orders");

    assertTrue(link.awaitZeroLag("orders", WAIT), "lag did not reach 0");
    List<LinkTestClients.Rec> src = readAll(kafka.sourceBootstrap(), "orders", 3);
    List<LinkTestClients.Rec> dst = readAll(kafka.destinationBootstrap(), "orders", 3);
    assertEquals(3000, src.size());
    assertEquals(
        src, dst, "destination must hold the same records at the same partition and offset");
    assertEquals(0, link.stats().offsetMismatches());
    try (Admin admin = LinkTestClients.admin(kafka.destinationBootstrap())) {
      int partitions =
          admin
              .describeTopics(List.of("orders"))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get("orders")
              .partitions()
              .size();
      assertEquals(3, partitions, "the mirror topic gets the source's partition count");
    }
  }

  @Test
  void recordsProducedWhileMirroringAreCopiedAndFetchPositionsReachTheSourceEnd() throws Exception {
    kafka.createTopics(List.of("payments"), 2);
    link.addMirror("payments");
    produce(kafka.sourceBootstrap(), "payments", 2, 0, 2000);

    assertTrue(link.awaitZeroLag("payments", WAIT));
    MirrorSnapshot m = link.describeMirror("payments");
    assertEquals(MirrorState.ACTIVE, m.state());
    assertEquals(2, m.lags().size());
    assertTrue(
        LinkTestClients.eventually(
            WAIT,
            () ->
                link.describeMirror("payments").lags().stream()
                    .allMatch(l -> l.lastSourceFetchOffset() == 1000)),
        "the copier's position is the source end offset");
    assertEquals(
        readAll(kafka.sourceBootstrap(), "payments", 2),
        readAll(kafka.destinationBootstrap(), "payments", 2));
  }

  @Test
  void promoteDrainsToPromoteTimeEndOffsetsThenStopsOnlyThatTopic() throws Exception {
    kafka.createTopics(List.of("promo-a", "promo-b"), 2);
    link.addMirror("promo-a");
    link.addMirror("promo-b");
    produce(kafka.sourceBootstrap(), "promo-a", 2, 0, 500);
    produce(kafka.sourceBootstrap(), "promo-b", 2, 0, 500);

    PromoteOutcome o = link.promote("promo-a"); // right away: the drain must still copy all 500
    assertTrue(o.accepted(), String.valueOf(o));
    assertTrue(link.awaitState("promo-a", MirrorState.STOPPED, WAIT));
    assertEquals(500, readAll(kafka.destinationBootstrap(), "promo-a", 2).size());

    produce(kafka.sourceBootstrap(), "promo-a", 2, 500, 100);
    produce(kafka.sourceBootstrap(), "promo-b", 2, 500, 100);
    assertTrue(link.awaitZeroLag("promo-b", WAIT), "the other mirror keeps mirroring");
    assertEquals(600, readAll(kafka.destinationBootstrap(), "promo-b", 2).size());
    assertEquals(
        500,
        readAll(kafka.destinationBootstrap(), "promo-a", 2).size(),
        "a STOPPED mirror copies nothing more");
    assertEquals(
        100,
        link.describeMirror("promo-a").totalLag(),
        "lag shows how far the source moved after promote");
    assertEquals(MirrorState.ACTIVE, link.mirrorState("promo-b"));
    assertEquals(0, link.stats().offsetMismatches());
  }

  @Test
  void heldTopicStaysPendingStoppedUntilReleased() throws Exception {
    kafka.createTopics(List.of("held"), 1);
    link.addMirror("held");
    produce(kafka.sourceBootstrap(), "held", 1, 0, 50);
    link.faults().holdPendingStopped("held");

    assertTrue(link.promote("held").accepted());
    assertEquals(MirrorState.PENDING_STOPPED, link.mirrorState("held"));
    assertTrue(link.awaitZeroLag("held", WAIT), "the drain completes while held");
    Thread.sleep(300);
    assertEquals(MirrorState.PENDING_STOPPED, link.mirrorState("held"));

    link.faults().releasePendingStopped("held");
    assertTrue(link.awaitState("held", MirrorState.STOPPED, WAIT));
  }

  @Test
  void stalledCopierLetsLagGrowUntilResumed() throws Exception {
    kafka.createTopics(List.of("stall"), 2);
    link.addMirror("stall");
    link.faults().stallCopying("stall");
    Thread.sleep(100);
    produce(kafka.sourceBootstrap(), "stall", 2, 0, 100);
    Thread.sleep(300);
    MirrorSnapshot m = link.describeMirror("stall");
    assertEquals(100, m.totalLag());
    assertEquals(List.of(50L, 50L), m.lags().stream().map(PartitionLag::lag).toList());
    assertEquals(MirrorState.ACTIVE, m.state());

    link.faults().resumeCopying("stall");
    assertTrue(link.awaitZeroLag("stall", WAIT));
    assertEquals(100, readAll(kafka.destinationBootstrap(), "stall", 2).size());
  }

  @Test
  void secondPromoteAndUnknownTopicAreRefusedPerTopic() throws Exception {
    kafka.createTopics(List.of("twice"), 1);
    link.addMirror("twice");
    assertTrue(link.promote("twice").accepted());
    assertTrue(link.awaitState("twice", MirrorState.STOPPED, WAIT));

    List<PromoteOutcome> out = link.promote(List.of("twice", "not-a-mirror"), false);
    assertEquals(400, out.get(0).errorCode());
    assertTrue(
        out.get(0).errorMessage().contains("already stopped its mirror from 'sim-link'"),
        out.get(0).errorMessage());
    assertEquals(404, out.get(1).errorCode());
    assertTrue(out.get(1).lags().isEmpty());
  }

  @Test
  void validateOnlyPromoteAcceptsButChangesNothing() throws Exception {
    kafka.createTopics(List.of("dry-run"), 1);
    link.addMirror("dry-run");
    PromoteOutcome o = link.promote(List.of("dry-run"), true).get(0);
    assertNull(o.errorCode());
    Thread.sleep(200);
    assertEquals(MirrorState.ACTIVE, link.mirrorState("dry-run"));
  }

  @Test
  void armedPromoteErrorIsReturnedPerTopicAndLeavesTheTopicActive() throws Exception {
    kafka.createTopics(List.of("flaky"), 1);
    link.addMirror("flaky");
    link.faults().failPromote("flaky", 1, 400, "Topic 'flaky' has non-zero lag");

    PromoteOutcome first = link.promote("flaky");
    assertEquals(400, first.errorCode());
    assertEquals("Topic 'flaky' has non-zero lag", first.errorMessage());
    assertEquals(MirrorState.ACTIVE, link.mirrorState("flaky"));
    assertTrue(link.promote("flaky").accepted(), "the error was armed for one promote only");
  }

  @Test
  void addMirrorOfMissingSourceTopicIsNotFound() {
    LinkApiException e =
        assertThrows(LinkApiException.class, () -> link.addMirror("no-such-topic"));
    assertEquals(404, e.httpStatus());
    assertTrue(e.getMessage().contains("create it there"), e.getMessage());
    assertFalse(link.mirrorTopics().contains("no-such-topic"));
  }

  @Test
  void addMirrorTwiceKeepsOneCopier() throws Exception {
    kafka.createTopics(List.of("idem"), 1);
    link.addMirror("idem");
    link.addMirror("idem");
    produce(kafka.sourceBootstrap(), "idem", 1, 0, 100);
    assertTrue(link.awaitZeroLag("idem", WAIT));
    assertEquals(
        100, readAll(kafka.destinationBootstrap(), "idem", 1).size(), "no record copied twice");
  }

  @Test
  void restartedLinkResumesFromDestinationEndOffsetsWithoutDuplicates() throws Exception {
    kafka.createTopics(List.of("resume"), 2);
    ClusterLinkSimulator first =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "resume1", "lkc-sim");
    first.addMirror("resume");
    produce(kafka.sourceBootstrap(), "resume", 2, 0, 400);
    assertTrue(first.awaitZeroLag("resume", WAIT));
    first.close();
    assertTrue(
        LinkTestClients.eventually(
            Duration.ofSeconds(5),
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().contains("link-resume1-"))),
        "close ends every thread of the link");

    produce(kafka.sourceBootstrap(), "resume", 2, 400, 400);
    try (ClusterLinkSimulator second =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "resume2", "lkc-sim")) {
      second.addMirror("resume");
      assertTrue(second.awaitZeroLag("resume", WAIT));
      // The counter follows the producer's acknowledgements, a moment after the records are
      // readable.
      assertTrue(
          LinkTestClients.eventually(
              Duration.ofSeconds(10), () -> second.stats().copiedRecords() >= 400));
      assertEquals(
          400,
          second.stats().copiedRecords(),
          "only the records the destination lacked are copied");
      assertEquals(0, second.stats().offsetMismatches());
    }
    assertEquals(
        readAll(kafka.sourceBootstrap(), "resume", 2),
        readAll(kafka.destinationBootstrap(), "resume", 2));
  }
}
