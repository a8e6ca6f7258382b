package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A switch given the fence to check ({@code SwitchRequest.fenceFirst}) re-applies a drifted fence
 * before it writes the switch, so that a switch the operator refuses leaves clients fenced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwitchFenceFirstTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> ROUTES = List.of("migration-route");
  private final GatewayOperations ops =
      new GatewayOperations(GatewayOperationsTest.FAST, Clock.systemUTC());
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

  private static FenceRequest fence(String ns, GatewaySnapshot snap) {
    return new FenceRequest(
        target(ns), snap, ROUTES, FenceErrorCode.NOT_LEADER_OR_FOLLOWER, TIMEOUT);
  }

  private static SwitchRequest derivedSwitch(String ns, GatewaySnapshot snap) {
    return new SwitchRequest(target(ns), "", TIMEOUT, snap, ROUTES, "confluent-cloud")
        .withFenceFirst(fence(ns, snap));
  }

  private long generation(String ns) {
    return GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY)
        .path("metadata")
        .path("generation")
        .asLong();
  }

  @Test
  void aDriftedFenceIsReappliedBeforeTheSwitchIsWritten() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    GatewayChange change;
    try (FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)) {
      op.start(Duration.ZERO, null);
      ops.fence(mock.client, fence(ns, snap), null, GatewayHeartbeat.NONE);
      // Someone lifts the fence by hand after PROMOTE.
      new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, GatewayCrs.unfence(snap));
      long drifted = generation(ns);

      change = ops.switchTo(mock.client, derivedSwitch(ns, snap), null, GatewayHeartbeat.NONE);

      assertEquals(drifted + 2, change.generation(), "the re-fence, then the switch");
    }
    assertTrue(change.refenced().contains("carries no fence"), change.refenced());
    assertTrue(
        GatewayCrs.specEquals(
            GatewaySwitch.switched(snap, ROUTES, "confluent-cloud"),
            GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY)));
  }

  @Test
  void aLiveFenceIsLeftAloneAndNoDriftIsReported() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    GatewayChange change;
    try (FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)) {
      op.start(Duration.ZERO, null);
      ops.fence(mock.client, fence(ns, snap), null, GatewayHeartbeat.NONE);
      long fenced = generation(ns);

      change = ops.switchTo(mock.client, derivedSwitch(ns, snap), null, GatewayHeartbeat.NONE);

      assertEquals(fenced + 1, change.generation(), "only the switch was written");
    }
    assertNull(change.refenced());
  }

  @Test
  void aRetriedSwitchOverAnAlreadySwitchedCrDoesNotRefence() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    GatewayChange again;
    long switched;
    try (FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)) {
      op.start(Duration.ZERO, null);
      ops.fence(mock.client, fence(ns, snap), null, GatewayHeartbeat.NONE);
      ops.switchTo(mock.client, derivedSwitch(ns, snap), null, GatewayHeartbeat.NONE);
      switched = generation(ns);

      again = ops.switchTo(mock.client, derivedSwitch(ns, snap), null, GatewayHeartbeat.NONE);
    }
    assertFalse(again.changed(), again.detail());
    assertNull(again.refenced());
    assertEquals(switched, generation(ns), "nothing written: the CR already is the switch");
  }
}
