package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.TrafficCheckRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The activity layer: heartbeats, heartbeat details on retry, and failure types. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayActivitiesImplTest {
  private static final List<String> ROUTES = List.of("migration-route");
  private GatewayMock mock;
  private TestActivityEnvironment env;
  private GatewayActivities activities;
  private final List<GatewayProgress> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startServer() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stopServer() {
    mock.close();
  }

  @BeforeEach
  void startEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new GatewayActivitiesImpl(
            (kubeconfig, context) -> mock.client,
            GatewayOperationsTest.FAST,
            TrafficProbe.ClientSettings.DEFAULT));
    env.setActivityHeartbeatListener(GatewayProgress.class, heartbeats::add);
    activities =
        env.newActivityStub(
            GatewayActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .build());
    heartbeats.clear();
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
    mock.server.clearExpectations();
  }

  private static Targets.Gateway target(String ns) {
    return new Targets.Gateway(ns, GatewayMock.GATEWAY, "", "");
  }

  private static FenceRequest fence(
      String ns, GatewaySnapshot snap, List<String> routes, Duration timeout) {
    return new FenceRequest(target(ns), snap, routes, FenceErrorCode.BROKER_NOT_AVAILABLE, timeout);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure f = assertThrows(ActivityFailure.class, call::run);
    return assertInstanceOf(ApplicationFailure.class, f.getCause());
  }

  @Test
  void fenceRoutesHeartbeatsThePodsItMustOutwaitBeforeWriting() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    GatewayChange change;
    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
            .start(Duration.ofMillis(200), null)) {
      change = activities.fenceRoutes(fence(ns, snap, ROUTES, Duration.ofSeconds(10)));
    }
    assertTrue(change.changed());
    assertEquals(2, change.podsReplaced());
    // The SDK throttles heartbeats; the first one goes out at once and is what a retry needs.
    GatewayProgress first = heartbeats.get(0);
    assertEquals("write", first.phase());
    assertEquals(before, first.oldPodUids());
  }

  @Test
  void aRetriedFenceResumesFromTheHeartbeatDetailsOfTheFailedAttempt() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    ObjectNode fenced =
        GatewayCrs.withIdentity(
            GatewayCrs.fence(snap, ROUTES, FenceErrorCode.BROKER_NOT_AVAILABLE),
            ns,
            GatewayMock.GATEWAY);
    GatewayWriter.WriteResult w =
        new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced);
    env.setHeartbeatDetails(
        new GatewayProgress(
            GatewayApplier.editHash(GatewayEdit.routesOf(fenced, ROUTES)),
            "rollout",
            w.writtenAt(),
            w.generation(),
            before,
            "previous attempt"));

    GatewayChange change;
    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
            .start(Duration.ofMillis(100), null)) {
      change = activities.fenceRoutes(fence(ns, snap, ROUTES, Duration.ofSeconds(10)));
    }
    assertTrue(change.changed(), "the earlier attempt's write counts");
    assertEquals(2, change.podsReplaced());
  }

  @Test
  void anOperatorRejectionIsANonRetryableGatewayRejectedFailureWithAKubectlHint() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    ApplicationFailure f;
    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
            .start(Duration.ZERO, "fence.errorCode BROKER_NOT_AVAILABLE is not allowed")) {
      f = failureOf(() -> activities.fenceRoutes(fence(ns, snap, ROUTES, Duration.ofSeconds(10))));
    }
    assertEquals(FailureTypes.GATEWAY_REJECTED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(
        f.getOriginalMessage().contains("fence.errorCode BROKER_NOT_AVAILABLE is not allowed"),
        f.getOriginalMessage());
    assertTrue(
        f.getOriginalMessage().contains("kubectl -n " + ns + " get gateway"),
        f.getOriginalMessage());
  }

  @Test
  void aRolloutTimeoutIsRetryable() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    // A base that differs from the live CR forces a write; no operator answers it.
    GatewaySnapshot other =
        GatewayCrs.snapshot(GatewayCrs.fence(snap, ROUTES, FenceErrorCode.BROKER_NOT_AVAILABLE));
    ApplicationFailure f =
        failureOf(
            () ->
                activities.unfenceRoutes(
                    new GatewayActivities.UnfenceRequest(
                        target(ns), other, Duration.ofMillis(300), ROUTES)));
    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void aMissingGatewayIsNotFound() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrsTest.snapshot();
    ApplicationFailure f =
        failureOf(() -> activities.fenceRoutes(fence(ns, snap, ROUTES, Duration.ofSeconds(1))));
    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void aMissingDeploymentIsNotFound() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    mock.client.apps().deployments().inNamespace(ns).withName(GatewayMock.GATEWAY).delete();
    ApplicationFailure f;
    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY).start(Duration.ZERO, null)) {
      f = failureOf(() -> activities.assertFenced(fence(ns, snap, ROUTES, Duration.ofSeconds(5))));
    }
    assertEquals(FailureTypes.NOT_FOUND, f.getType());
    assertTrue(
        f.getOriginalMessage().contains("no Deployment for gateway"), f.getOriginalMessage());
  }

  @Test
  void aForbiddenReadIsUnauthorized() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    mock.server
        .expect()
        .get()
        .withPath(
            "/apis/platform.confluent.io/v1beta1/namespaces/"
                + ns
                + "/gateways/"
                + GatewayMock.GATEWAY)
        .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden").build())
        .always();
    ApplicationFailure f =
        failureOf(() -> activities.assertFenced(fence(ns, snap, ROUTES, Duration.ofSeconds(1))));
    assertEquals(FailureTypes.UNAUTHORIZED, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void aServerErrorIsTransient() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    mock.server
        .expect()
        .get()
        .withPath(
            "/apis/platform.confluent.io/v1beta1/namespaces/"
                + ns
                + "/gateways/"
                + GatewayMock.GATEWAY)
        .andReturn(
            503, new StatusBuilder().withCode(503).withMessage("etcd leader changed").build())
        .always();
    ApplicationFailure f =
        failureOf(() -> activities.assertFenced(fence(ns, snap, ROUTES, Duration.ofSeconds(1))));
    assertEquals(FailureTypes.TRANSIENT, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void fencingAnUnknownRouteIsAnInvalidRequest() {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    ApplicationFailure f =
        failureOf(
            () ->
                activities.fenceRoutes(
                    fence(ns, snap, List.of("typo-route"), Duration.ofSeconds(1))));
    assertEquals(FailureTypes.INVALID_REQUEST, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void confirmTrafficFlowsFailsRetryablyWhileNoMetadataComesBack() throws Exception {
    String ns = mock.newNamespace();
    ObjectNode cr = GatewayMock.initialCr(ns);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    GatewayCrs.route(cr, "migration-route").put("endpoint", "localhost:" + port);
    mock.install(ns, cr, 1);
    ApplicationFailure f =
        failureOf(
            () ->
                activities.confirmTrafficFlows(
                    new TrafficCheckRequest(target(ns), ROUTES, Duration.ofSeconds(1))));
    assertEquals(FailureTypes.TRANSIENT, f.getType());
    assertFalse(f.isNonRetryable());
    assertFalse(heartbeats.isEmpty());
  }
}
