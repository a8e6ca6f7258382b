package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.FenceCheck;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.GatewayActivities.UnfenceRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayOperationsTest {
  static final GatewayOptions FAST =
      GatewayOptions.defaults()
          .withPollInterval(Duration.ofMillis(20))
          .withRejectionSettle(Duration.ZERO);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> ROUTES = List.of("migration-route");
  private final GatewayOperations ops = new GatewayOperations(FAST, Clock.systemUTC());
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  private static Targets.Gateway target(String ns) {
    return new Targets.Gateway(ns, GatewayMock.GATEWAY, "", "");
  }

  private static SwitchRequest switchover(String ns, String yaml) {
    return new SwitchRequest(target(ns), yaml, TIMEOUT, null, List.of(), "");
  }

  private static FenceRequest fence(String ns, GatewaySnapshot snap, Duration timeout) {
    return new FenceRequest(
        target(ns), snap, ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER, timeout);
  }

  private ObjectNode live(String ns) {
    return GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
  }

  private FakeGatewayOperator operator(String ns) {
    return new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
  }

  @Test
  void fenceWaitsForAcceptanceAndForEveryOldPodToBeReplaced() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    List<GatewayProgress> beats = new CopyOnWriteArrayList<>();

    GatewayChange change;
    try (FakeGatewayOperator op = operator(ns).start(Duration.ofMillis(150), null)) {
      change = ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, beats::add);
    }

    assertTrue(change.changed());
    assertEquals(2, change.generation());
    assertEquals(2, change.podsReplaced());
    assertTrue(
        GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY).stream()
            .noneMatch(before::contains));
    assertEquals(
        List.of(),
        GatewayCrs.fenceDeviations(live(ns), ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER));
    assertEquals("write", beats.get(0).phase());
    assertEquals(before, beats.get(0).oldPodUids());
    assertTrue(
        beats.stream().anyMatch(b -> b.phase().equals("acceptance") && b.writtenAt() != null));
  }

  @Test
  void reapplyingTheSameFenceWritesNothingAndSkipsThePodWait() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);
    }
    String rv = live(ns).path("metadata").path("resourceVersion").asText();

    // No operator now: anything but a no-op would time out.
    GatewayChange again =
        ops.fence(mock.client, fence(ns, snap, Duration.ofSeconds(2)), null, GatewayHeartbeat.NONE);

    assertFalse(again.changed());
    assertEquals(0, again.podsReplaced());
    assertEquals(rv, live(ns).path("metadata").path("resourceVersion").asText());
    assertTrue(again.detail().contains("nothing written"), again.detail());
  }

  @Test
  void aRetriedAttemptKeepsWaitingForThePodsTheFirstAttemptSaw() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    ObjectNode fenced =
        GatewayCrs.withIdentity(
            GatewayCrs.fence(snap, ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER),
            ns,
            GatewayMock.GATEWAY);
    // Attempt 1 wrote the fence and died before the rollout finished.
    GatewayWriter.WriteResult w =
        new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced);
    GatewayProgress prior =
        new GatewayProgress(
            GatewayApplier.editHash(GatewayEdit.routesOf(fenced, ROUTES)),
            "rollout",
            w.writtenAt(),
            w.generation(),
            before,
            "");

    GatewayChange change;
    long t0 = System.nanoTime();
    try (FakeGatewayOperator op = operator(ns).start(Duration.ofMillis(300), null)) {
      change = ops.fence(mock.client, fence(ns, snap, TIMEOUT), prior, GatewayHeartbeat.NONE);
    }

    assertTrue(
        Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 250, "it waited for the old pods");
    assertTrue(change.changed());
    assertEquals(2, change.podsReplaced());
    assertTrue(change.detail().contains("already written by an earlier attempt"), change.detail());
  }

  @Test
  void anAttemptThatHeartbeatedBeforeEditsWereRouteScopedStillResumesItsWrite() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    ObjectNode fenced =
        GatewayCrs.withIdentity(
            GatewayCrs.fence(snap, ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER),
            ns,
            GatewayMock.GATEWAY);
    // Attempt 1 (an older worker, which recorded the whole CR's hash) wrote the fence and died.
    GatewayWriter.WriteResult w =
        new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced);
    GatewayProgress prior =
        new GatewayProgress(
            GatewayApplier.specHash(fenced), "rollout", w.writtenAt(), w.generation(), before, "");

    GatewayChange change;
    long t0 = System.nanoTime();
    try (FakeGatewayOperator op = operator(ns).start(Duration.ofMillis(300), null)) {
      change = ops.fence(mock.client, fence(ns, snap, TIMEOUT), prior, GatewayHeartbeat.NONE);
    }

    assertTrue(
        Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 250, "it waited for the old pods");
    assertTrue(change.changed());
    assertEquals(2, change.podsReplaced());
    assertTrue(change.detail().contains("already written by an earlier attempt"), change.detail());
  }

  @Test
  void unfenceRestoresTheSnapshotSpec() {
    String ns = mock.newNamespace();
    ObjectNode initial = mock.install(ns);
    GatewaySnapshot snap = GatewayCrs.snapshot(initial);
    GatewayChange change;
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);
      change =
          ops.unfence(
              mock.client,
              new UnfenceRequest(target(ns), snap, TIMEOUT, ROUTES),
              null,
              GatewayHeartbeat.NONE);
    }

    assertTrue(change.changed());
    assertEquals(3, change.generation());
    assertTrue(GatewayCrs.specEquals(initial, live(ns)));
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(live(ns), "migration-route")));
  }

  @Test
  void assertFencedLeavesALiveFenceAlone() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);
    }
    String rv = live(ns).path("metadata").path("resourceVersion").asText();

    FenceCheck check =
        ops.assertFenced(
            mock.client, fence(ns, snap, Duration.ofSeconds(2)), null, GatewayHeartbeat.NONE);

    assertTrue(check.wasLive());
    assertEquals(rv, live(ns).path("metadata").path("resourceVersion").asText());
    assertTrue(check.detail().contains("fence live on route(s) migration-route"), check.detail());
  }

  @Test
  void assertFencedReappliesTheFenceAfterDrift() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);
      // Someone edits the fence away by hand.
      new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, GatewayCrs.unfence(snap));

      FenceCheck check =
          ops.assertFenced(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);

      assertFalse(check.wasLive());
      assertTrue(
          check.detail().contains("route \"migration-route\" carries no fence"), check.detail());
    }
    assertEquals(
        List.of(),
        GatewayCrs.fenceDeviations(live(ns), ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER));
  }

  @Test
  void switchAppliesTheSwitchoverUnderTheTargetsNameAndNamespace() {
    String ns = mock.newNamespace();
    mock.install(ns);
    String yaml =
        GatewayMock.resource("gateway-switchover.yaml")
            .replace("name: migration-gateway", "name: some-other-name")
            .replace("namespace: confluent", "namespace: elsewhere");
    GatewayChange change;
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      change = ops.switchTo(mock.client, switchover(ns, yaml), null, GatewayHeartbeat.NONE);
    }

    assertTrue(change.changed());
    assertEquals(2, change.podsReplaced());
    ObjectNode after = live(ns);
    assertEquals("confluent-cloud", after.at("/spec/routes/0/streamingDomain/name").asText());
    assertTrue(GatewayCrs.specEquals(GatewayOperations.parseSwitchover(yaml), after));
    assertNull(GatewayResources.read(mock.client, "elsewhere", "some-other-name"));
    assertNull(GatewayResources.read(mock.client, ns, "some-other-name"));
  }

  @Test
  void aDerivedSwitchBindsTheFencedRouteToTheTargetAndLiftsTheFence() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    SwitchRequest derived =
        new SwitchRequest(target(ns), "", TIMEOUT, snap, ROUTES, "confluent-cloud");
    GatewayChange change;
    GatewayChange again;
    try (FakeGatewayOperator op = operator(ns).start(Duration.ZERO, null)) {
      ops.fence(mock.client, fence(ns, snap, TIMEOUT), null, GatewayHeartbeat.NONE);
      change = ops.switchTo(mock.client, derived, null, GatewayHeartbeat.NONE);
      again = ops.switchTo(mock.client, derived, null, GatewayHeartbeat.NONE);
    }

    assertTrue(change.changed());
    assertEquals(2, change.podsReplaced(), "returns once the rollout is observed");
    ObjectNode after = live(ns);
    assertEquals("confluent-cloud", after.at("/spec/routes/0/streamingDomain/name").asText());
    assertEquals("CC", after.at("/spec/routes/0/streamingDomain/bootstrapServerId").asText());
    assertFalse(GatewayCrs.isFenced(GatewayCrs.route(after, "migration-route")));
    assertTrue(
        GatewayCrs.specEquals(GatewaySwitch.switched(snap, ROUTES, "confluent-cloud"), after));
    assertFalse(again.changed(), "idempotent: " + again.detail());
  }

  @Test
  void aRejectedSwitchCarriesTheOperatorsMessage() {
    String ns = mock.newNamespace();
    mock.install(ns);
    String yaml = GatewayMock.resource("gateway-switchover.yaml");
    GatewayException e;
    try (FakeGatewayOperator op =
        operator(ns).start(Duration.ZERO, "secretRef plain-jaas not found")) {
      e =
          assertThrows(
              GatewayException.class,
              () -> ops.switchTo(mock.client, switchover(ns, yaml), null, GatewayHeartbeat.NONE));
    }
    assertEquals(FailureTypes.GATEWAY_REJECTED, e.type());
    assertTrue(e.getMessage().contains("secretRef plain-jaas not found"), e.getMessage());
  }

  @Test
  void aFenceTheOperatorNeverPicksUpTimesOut() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    long t0 = System.nanoTime();
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                ops.fence(
                    mock.client,
                    fence(ns, snap, Duration.ofMillis(400)),
                    null,
                    GatewayHeartbeat.NONE));
    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
    assertTrue(e.getMessage().contains("timed out after 400ms"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() < 5000);
  }

  @Test
  void aSwitchoverThatIsNotAGatewayIsRefusedBeforeAnyWrite() {
    String ns = mock.newNamespace();
    mock.install(ns);
    String rv = live(ns).path("metadata").path("resourceVersion").asText();
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                ops.switchTo(
                    mock.client,
                    switchover(ns, "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n"),
                    null,
                    GatewayHeartbeat.NONE));
    assertEquals(FailureTypes.INVALID_REQUEST, e.type());
    assertEquals(rv, live(ns).path("metadata").path("resourceVersion").asText());
  }
}
