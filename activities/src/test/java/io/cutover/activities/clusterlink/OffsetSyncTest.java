package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.support.Sleeper;
import io.cutover.workflow.activity.ClusterLinkActivities.OffsetSyncState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pause and restore of consumer offset sync against a stateful fake of the link's config API. */
class OffsetSyncTest {
  private static final String TOGGLE = OffsetSync.TOGGLE;
  private static final String FILTERS = OffsetSync.GROUP_FILTERS;

  private MockWebServer server;
  private FakeLinkServer fake;
  private final List<Object> beats = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> toggleDuringSleeps = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    fake = FakeLinkServer.start(server);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private OffsetSync sync() {
    Sleeper recording =
        d -> {
          sleeps.add(d);
          toggleDuringSleeps.add(fake.configs.get(TOGGLE));
        };
    return new OffsetSync(TestLinks.client(server), beats::add, recording, Duration.ofSeconds(5));
  }

  /** The configs as validation snapshotted them, with sync on. */
  private Map<String, String> snapshot() {
    return new HashMap<>(new FakeLinkServer().withSyncOn().configs);
  }

  @Test
  void disableSetsSyncOffAndReturnsTheReadBackConfigs() {
    fake.withSyncOn();

    OffsetSyncState state = sync().disable();

    assertEquals(List.of(TOGGLE + "=false"), fake.writes);
    assertEquals("false", state.configs().get(TOGGLE));
    assertFalse(
        state.configs().containsKey("cluster.link.prefix"),
        "only consumer.offset.* keys are returned");
    assertTrue(state.detail().contains("read back \"false\""), state.detail());
    assertTrue(state.detail().contains("cleared " + FILTERS), state.detail());
    assertTrue(sleeps.isEmpty(), "a disable does not wait");
    assertEquals(
        List.of("disable: reading the link configs", "disable: writing", "disable: reading back"),
        beats,
        "a beat before each REST call");
  }

  @Test
  void disableRetryAfterItsOwnWriteAcceptsFalseWithoutWriting() {
    fake.withSyncOn();
    fake.configs.put(TOGGLE, "false");

    OffsetSyncState state = sync().disable();

    assertTrue(fake.writes.isEmpty());
    assertEquals("false", state.configs().get(TOGGLE));
    assertTrue(state.detail().contains("earlier attempt"), state.detail());
  }

  @Test
  void disableThatReadsBackTrueIsRetryable() {
    fake.withSyncOn();
    fake.ignoreWrites = true;

    ClusterLinkException e = assertThrows(ClusterLinkException.class, () -> sync().disable());

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("read back \"true\""), e.getMessage());
  }

  @Test
  void drainRefusesAsDriftWhenSyncIsAlreadyFalseAndWritesNothing() {
    fake.withSyncOn();
    fake.configs.put(TOGGLE, "false");

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> sync().drain(Duration.ZERO));

    assertEquals(ClusterLinkException.Kind.STATE_DRIFT, e.kind());
    assertFalse(e.retryable());
    assertTrue(
        e.getMessage()
            .contains("consumer.offset.sync.enable on cluster link \"msk-to-cc\" is \"false\""),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("inspect the link's consumer.offset.* configs"), e.getMessage());
    assertTrue(fake.writes.isEmpty());
  }

  @Test
  void drainRefusesWhenTheToggleKeyIsMissing() {
    fake.configs.put("consumer.offset.sync.ms", "30000");

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> sync().drain(Duration.ZERO));

    assertEquals(ClusterLinkException.Kind.STATE_DRIFT, e.kind());
    assertTrue(
        e.getMessage()
            .contains("cluster link \"msk-to-cc\" has no consumer.offset.sync.enable key"),
        e.getMessage());
    assertTrue(fake.writes.isEmpty());
  }

  @Test
  void drainWaitsWithSyncStillOnHeartbeatsEachSliceAndWritesNothing() {
    fake.withSyncOn();

    OffsetSyncState state = sync().drain(Duration.ofSeconds(12));

    assertEquals(
        List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2)), sleeps);
    assertEquals(
        List.of("true", "true", "true"), toggleDuringSleeps, "sync stays on for the whole drain");
    assertEquals(
        List.of(Duration.ofSeconds(12), Duration.ofSeconds(7), Duration.ofSeconds(2)),
        beats,
        "each beat is the time left: a small record");
    assertTrue(fake.writes.isEmpty());
    assertTrue(state.detail().contains("drained 12s"), state.detail());
  }

  @Test
  void drainThatFindsSyncTurnedOffDuringTheWaitRefusesAsDrift() {
    fake.withSyncOn();
    OffsetSync sync =
        new OffsetSync(
            TestLinks.client(server),
            beats::add,
            d -> fake.configs.put(TOGGLE, "false"),
            Duration.ofSeconds(5));

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> sync.drain(Duration.ofSeconds(5)));

    assertEquals(ClusterLinkException.Kind.STATE_DRIFT, e.kind());
    assertTrue(fake.writes.isEmpty());
  }

  @Test
  void drainInterruptedLeavesSyncOn() {
    fake.withSyncOn();
    OffsetSync sync =
        new OffsetSync(
            TestLinks.client(server),
            beats::add,
            d -> {
              throw new InterruptedException();
            },
            Duration.ofSeconds(5));

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> sync.drain(Duration.ofSeconds(30)));

    assertTrue(Thread.interrupted(), "the interrupt flag is kept");
    assertTrue(e.getMessage().contains("still \"true\""), e.getMessage());
    assertTrue(fake.writes.isEmpty());
    assertEquals("true", fake.configs.get(TOGGLE));
  }

  @Test
  void restoreWritesNothingWhenLiveConfigsMatchTheSnapshot() {
    fake.withSyncOn();

    OffsetSyncState state = sync().restore(snapshot());

    assertTrue(fake.writes.isEmpty());
    assertEquals(List.of("GET /kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs"), fake.requests);
    assertTrue(state.detail().contains("already match the snapshot"), state.detail());
    assertEquals("true", state.configs().get(TOGGLE));
  }

  @Test
  void restoreRewritesTheFiltersClearedByTheToggleThenTheToggleLast() {
    fake.withSyncOn();
    sync().disable();
    fake.writes.clear();
    assertEquals("", fake.configs.get(FILTERS), "the fake clears filters like the real link");

    OffsetSyncState state = sync().restore(snapshot());

    assertEquals(List.of(FILTERS + "=" + FakeLinkServer.ALL_GROUPS, TOGGLE + "=true"), fake.writes);
    assertEquals(FakeLinkServer.ALL_GROUPS, state.configs().get(FILTERS));
    assertEquals("true", state.configs().get(TOGGLE));
    assertEquals(
        "restored consumer.offset.* configs on cluster link \"msk-to-cc\": "
            + FILTERS
            + ", "
            + TOGGLE,
        state.detail());
  }

  @Test
  void restoreSortsKeysAndWritesTheToggleLastAcrossPerKeyPuts() {
    fake.batchAlterSupported = false;
    fake.configs.put(TOGGLE, "false");
    Map<String, String> snap = new HashMap<>();
    snap.put(TOGGLE, "true");
    snap.put("consumer.offset.sync.ms", "5000");
    snap.put(FILTERS, FakeLinkServer.ALL_GROUPS);
    snap.put("consumer.offset.a.custom", "x");

    sync().restore(snap);

    assertEquals(
        List.of(
            "consumer.offset.a.custom=x",
            FILTERS + "=" + FakeLinkServer.ALL_GROUPS,
            "consumer.offset.sync.ms=5000",
            TOGGLE + "=true"),
        fake.writes);
    assertTrue(
        fake.requests.contains("PUT /kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs/" + TOGGLE));
  }

  @Test
  void restoreKeepsAnOperatorsDeliberateChangeAndSaysSo() {
    fake.withSyncOn();
    fake.configs.put(TOGGLE, "false");
    fake.configs.put(FILTERS, "");
    fake.configs.put("consumer.offset.sync.ms", "10000");

    OffsetSyncState state = sync().restore(snapshot());

    assertEquals(List.of(FILTERS + "=" + FakeLinkServer.ALL_GROUPS, TOGGLE + "=true"), fake.writes);
    assertEquals("10000", fake.configs.get("consumer.offset.sync.ms"));
    assertTrue(state.detail().contains("kept consumer.offset.sync.ms as found"), state.detail());
  }

  @Test
  void restoreLeavesAnOperatorsDifferentFilterInPlace() {
    fake.withSyncOn();
    String operatorFilter =
        "{\"groupFilters\":[{\"name\":\"app-\",\"patternType\":\"PREFIXED\",\"filterType\":\"INCLUDE\"}]}";
    fake.configs.put(FILTERS, operatorFilter);

    OffsetSyncState state = sync().restore(snapshot());

    assertTrue(fake.writes.isEmpty());
    assertEquals(operatorFilter, state.configs().get(FILTERS));
    assertTrue(state.detail().contains("kept " + FILTERS), state.detail());
  }

  @Test
  void restoreOnlyConsidersConsumerOffsetKeysWithValues() {
    fake.configs.put(TOGGLE, "false");
    Map<String, String> snap = new HashMap<>();
    snap.put(TOGGLE, "true");
    snap.put("cluster.link.prefix", "src.");
    snap.put("acl.sync.enable", "true");
    snap.put("consumer.offset.sync.ms", "");

    sync().restore(snap);

    assertEquals(List.of(TOGGLE + "=true"), fake.writes);
  }

  @Test
  void restoreVerifiesTheReadBackAndRetriesWhenItDiffers() {
    fake.withSyncOn();
    fake.configs.put(TOGGLE, "false");
    fake.ignoreWrites = true;

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> sync().restore(snapshot()));

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains(TOGGLE + " read back different"), e.getMessage());
  }

  @Test
  void restoreOfAnEmptySnapshotWritesNothing() {
    fake.configs.put(TOGGLE, "false");

    OffsetSyncState state = sync().restore(Map.of());

    assertTrue(fake.writes.isEmpty());
    assertTrue(state.detail().contains("nothing to restore"), state.detail());
  }
}
