package io.cutover.sandbox.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.clusterlink.ClusterLinkClient;
import io.cutover.activities.clusterlink.ClusterLinkException;
import io.cutover.activities.clusterlink.ClusterLinkOptions;
import io.cutover.activities.clusterlink.LinkAddress;
import io.cutover.activities.clusterlink.LinkDescription;
import io.cutover.activities.clusterlink.MirrorPromotion;
import io.cutover.activities.clusterlink.MirrorTopic;
import io.cutover.activities.clusterlink.OffsetSync;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.activities.support.Heartbeat;
import io.cutover.activities.support.Sleeper;
import io.cutover.sandbox.kafka.KafkaClusters;
import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.OffsetSyncState;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cutover's real REST client ({@link ClusterLinkClient}, {@link MirrorPromotion}, {@link
 * OffsetSync}) against the simulator's REST API: both sides must agree on paths, JSON and error
 * mapping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLinkClientContractIT {
  private static final String KEY = "CONTRACTKEY";
  private static final String SECRET = "contract-secret-9876";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private KafkaClusters kafka;
  private ClusterLinkSimulator link;
  private ClusterLinkRestServer rest;
  private ClusterLinkClient client;

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaClusters.start();
    kafka.createTopics(List.of("c-orders", "c-promote", "c-rejected", "c-await"), 2);
    link =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "contract-link", "lkc-contract");
    for (String t : List.of("c-orders", "c-promote", "c-rejected", "c-await")) {
      link.addMirror(t);
    }
    LinkTestClients.produce(kafka.sourceBootstrap(), "c-orders", 2, 0, 40);
    assertTrue(link.awaitZeroLag("c-orders", WAIT));
    rest = ClusterLinkRestServer.start(link, KEY, SECRET);
    client = clientFor("contract-link", SECRET);
  }

  @AfterAll
  void stop() {
    LinkTestClients.closeAll(rest, link, kafka);
  }

  @BeforeEach
  void clearFaults() {
    link.faults().clear();
  }

  private ClusterLinkClient clientFor(String linkName, String secret) {
    return ClusterLinkClient.create(
        new LinkAddress(rest.baseUrl(), "lkc-contract", linkName),
        RestCredentials.basic(KEY, secret),
        ClusterLinkOptions.defaults());
  }

  @Test
  void describeLinkReadsStateIdsTopicsAndTasks() {
    LinkDescription d = client.describeLink(true);
    assertEquals("contract-link", d.linkName());
    assertEquals(link.clusterLinkId(), d.clusterLinkId());
    assertEquals(kafka.sourceClusterId(), d.sourceClusterId());
    assertTrue(d.activeOrUnreported());
    assertEquals("NO_ERROR", d.linkError());
    assertTrue(d.topicNames().containsAll(List.of("c-orders", "c-promote")));
    assertEquals("ConsumerOffsetSync", d.tasks().get(0).taskName());
    assertEquals("ACTIVE", d.tasks().get(0).state());
  }

  @Test
  void listAndDescribeMirrorsReadStatusAndLags() {
    MirrorTopic orders =
        client.listMirrors().stream()
            .filter(m -> m.mirrorTopicName().equals("c-orders"))
            .findFirst()
            .orElseThrow();
    assertEquals(MirrorTopic.ACTIVE, orders.mirrorStatus());
    assertEquals(2, orders.numPartitions());
    assertEquals(0, orders.totalLag());
    assertEquals(
        List.of(20L, 20L),
        orders.lags().stream().map(MirrorTopic.PartitionLag::lastSourceFetchOffset).toList());
    assertEquals("c-orders", client.describeMirror("c-orders").sourceTopicName());

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> client.describeMirror("c-missing"));
    assertEquals(ClusterLinkException.Kind.NOT_FOUND, e.kind());
  }

  @Test
  void promoteReturnsPerTopicResultsFromTheSimulatorsAnswer() {
    link.faults().failPromote("c-rejected", 1, 400, "Topic 'c-rejected' has non-zero lag");
    List<TopicPromotion> out = client.promote(List.of("c-promote", "c-rejected", "c-unknown"));
    assertTrue(out.get(0).accepted());
    assertFalse(out.get(1).accepted());
    assertEquals(400, out.get(1).errorCode());
    assertEquals("Topic 'c-rejected' has non-zero lag", out.get(1).message());
    assertFalse(out.get(2).accepted());
    assertEquals(404, out.get(2).errorCode());
    assertTrue(link.awaitState("c-promote", MirrorState.STOPPED, WAIT));
    assertEquals(MirrorState.ACTIVE, link.mirrorState("c-rejected"));
  }

  @Test
  void mirrorPromotionWaitsThroughPendingStoppedAndTransientErrorsUntilStopped() throws Exception {
    link.faults().holdPendingStopped("c-await");
    MirrorPromotion promotion =
        new MirrorPromotion(client, Heartbeat.NONE, Sleeper.REAL, Duration.ofMillis(50));
    PromoteResult result = promotion.promote(List.of("c-await"));
    assertEquals(new PromoteResult(1, List.of()), result);

    List<Object> beats = new CopyOnWriteArrayList<>();
    MirrorPromotion waiting =
        new MirrorPromotion(client, beats::add, Sleeper.REAL, Duration.ofMillis(50));
    CompletableFuture<MirrorStates> done =
        CompletableFuture.supplyAsync(() -> waiting.awaitStopped(List.of("c-await")));
    assertTrue(
        LinkTestClients.eventually(
            WAIT,
            () ->
                beats.stream()
                    .anyMatch(b -> b instanceof MirrorStates s && s.pendingStopped() == 1)));
    int before = rest.requests().size();
    link.faults().failNext(2, LinkFaults.Fault.SERVICE_UNAVAILABLE, "/mirrors");
    Thread.sleep(300);
    assertFalse(done.isDone(), "still PENDING_STOPPED while held");

    link.faults().releasePendingStopped("c-await");
    assertTrue(done.get(15, TimeUnit.SECONDS).allStopped());
    long unavailable =
        rest.requests().subList(before, rest.requests().size()).stream()
            .filter(r -> r.status() == 503)
            .count();
    assertEquals(2, unavailable, "the 503s were answered while polling, and tolerated");
  }

  @Test
  void alterConfigsUsesOnePutConfigsAlterAndListConfigsReadsItBack() {
    int before = rest.requests().size();
    Map<String, String> change = new LinkedHashMap<>();
    change.put("consumer.offset.sync.ms", "1500");
    change.put("acl.sync.ms", "6000");
    client.alterConfigs(change);
    List<RestRequest> sent = rest.requests().subList(before, rest.requests().size());
    assertEquals(1, sent.size());
    assertEquals("PUT", sent.get(0).method());
    assertTrue(sent.get(0).path().endsWith("/configs:alter"));
    assertEquals(204, sent.get(0).status());

    Map<String, String> configs = client.listConfigs();
    assertEquals("1500", configs.get("consumer.offset.sync.ms"));
    assertEquals("6000", configs.get("acl.sync.ms"));
    link.alterConfigs(
        List.of(ConfigOp.set("consumer.offset.sync.ms", "1000"), ConfigOp.delete("acl.sync.ms")));
  }

  @Test
  void offsetSyncPauseClearsFiltersAndRestoreBringsThemBack() {
    Map<String, String> snapshot = OffsetSync.offsetKeys(client.listConfigs());
    assertEquals("true", snapshot.get(OffsetSync.TOGGLE));
    OffsetSync sync = new OffsetSync(client, Heartbeat.NONE, Sleeper.REAL, Duration.ofSeconds(1));

    sync.drain(Duration.ZERO);
    OffsetSyncState paused = sync.disable();
    assertEquals("false", paused.configs().get(OffsetSync.TOGGLE));
    assertEquals("", paused.configs().get(OffsetSync.GROUP_FILTERS));
    assertTrue(paused.detail().contains("cleared"), paused.detail());
    assertFalse(link.offsetSyncEnabled());

    OffsetSyncState restored = sync.restore(snapshot);
    assertEquals(snapshot, restored.configs());
    assertTrue(link.offsetSyncEnabled());
    assertEquals(GroupFilters.includeAllJson(), link.configs().get(LinkConfigs.GROUP_FILTERS));
  }

  @Test
  void httpFailuresMapToTheClientsErrorKinds() {
    ClusterLinkException unauthorized =
        assertThrows(
            ClusterLinkException.class,
            () -> clientFor("contract-link", "wrong-secret-0000").describeLink(false));
    assertEquals(ClusterLinkException.Kind.UNAUTHORIZED, unauthorized.kind());
    assertFalse(unauthorized.getMessage().contains("wrong-secret-0000"));

    ClusterLinkException missing =
        assertThrows(
            ClusterLinkException.class,
            () -> clientFor("no-such-link", SECRET).describeLink(false));
    assertEquals(ClusterLinkException.Kind.NOT_FOUND, missing.kind());

    link.faults().failNext(1, LinkFaults.Fault.TOO_MANY_REQUESTS);
    ClusterLinkException limited =
        assertThrows(ClusterLinkException.class, () -> client.listMirrors());
    assertEquals(429, limited.httpStatus());
    assertTrue(limited.retryable());

    link.faults().failNext(1, LinkFaults.Fault.SERVER_ERROR);
    ClusterLinkException server =
        assertThrows(ClusterLinkException.class, () -> client.promote(List.of("c-orders")));
    assertEquals(500, server.httpStatus());
    assertTrue(server.retryable());
    assertTrue(server.getMessage().contains("50003"), server.getMessage());
    assertEquals(MirrorState.ACTIVE, link.mirrorState("c-orders"));
  }
}
