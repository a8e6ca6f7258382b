package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.FenceErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAcceptanceTest {
  private static final Duration POLL = Duration.ofMillis(20);
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  /** Installs the gateway and writes the fence, returning the write. */
  private GatewayWriter.WriteResult installAndFence(String ns) {
    ObjectNode live = mock.install(ns);
    ObjectNode fenced =
        GatewayCrs.fence(
            GatewayCrs.snapshot(live),
            List.of("migration-route"),
            FenceErrorCode.BROKER_NOT_AVAILABLE);
    return new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, fenced);
  }

  private GatewayAcceptance acceptance(Duration settle) {
    return new GatewayAcceptance(POLL, settle);
  }

  @Test
  void returnsAtOnceWhenTheOperatorAlreadyObservedTheGeneration() {
    String ns = mock.newNamespace();
    mock.install(ns);
    GatewayAcceptance.Accepted a =
        acceptance(Duration.ZERO)
            .await(
                mock.client,
                ns,
                GatewayMock.GATEWAY,
                Instant.now(),
                Duration.ofSeconds(1),
                line -> {});
    assertEquals(1, a.generation());
    assertEquals(1, a.observedGeneration());
  }

  @Test
  void waitsUntilTheOperatorObservesTheNewGenerationAndReportsProgress() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
            .start(Duration.ofMillis(300), null)) {
      long t0 = System.nanoTime();
      GatewayAcceptance.Accepted a =
          acceptance(Duration.ZERO)
              .await(
                  mock.client,
                  ns,
                  GatewayMock.GATEWAY,
                  w.writtenAt(),
                  Duration.ofSeconds(10),
                  lines::add);
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 250);
      assertEquals(w.generation(), a.observedGeneration());
    }
    assertFalse(lines.isEmpty());
    assertTrue(lines.get(0).contains("observedGeneration 1"), lines.get(0));
  }

  @Test
  void onceTheWritesGenerationIsObservedALaterGenerationsRejectionIsAnotherWritersConcern() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
    op.acceptLatest(); // this write's generation is in effect
    // Another group of the gateway writes its route; the operator refuses that generation.
    ObjectNode other = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    GatewayCrs.route(other, "scram-registration-route")
        .set("fence", GatewayCrs.fenceBlock(FenceErrorCode.BROKER_NOT_AVAILABLE));
    new GatewayWriter().write(mock.client, ns, GatewayMock.GATEWAY, GatewayCrs.clean(other));
    op.reject("secretRef other-group not found", Instant.now());

    GatewayAcceptance.Accepted a =
        acceptance(Duration.ZERO)
            .await(
                mock.client,
                ns,
                GatewayMock.GATEWAY,
                w.writtenAt(),
                w.generation(),
                Duration.ofSeconds(2),
                GatewayWatch.NONE,
                line -> {});
    assertEquals(w.generation(), a.generation());
    assertEquals(w.generation(), a.observedGeneration());
  }

  @Test
  void aFailedConditionNewerThanTheWriteIsARejectionCarryingTheOperatorsMessage() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
        .reject("secretRef plain-jaas not found", Instant.now());

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                acceptance(Duration.ZERO)
                    .await(
                        mock.client,
                        ns,
                        GatewayMock.GATEWAY,
                        w.writtenAt(),
                        Duration.ofSeconds(5),
                        line -> {}));

    assertEquals(FailureTypes.GATEWAY_REJECTED, e.type());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("secretRef plain-jaas not found"), e.getMessage());
    assertTrue(e.getMessage().contains("reason: ApplyFailed"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "kubectl -n "
                    + ns
                    + " get gateway migration-gateway -o jsonpath='{.status.conditions}'"),
        e.getMessage());
  }

  @Test
  void aFailedConditionOlderThanTheWriteIsIgnored() {
    String ns = mock.newNamespace();
    mock.install(ns);
    new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
        .reject("stale: secretRef old not found", Instant.now().minus(Duration.ofDays(6)));
    ObjectNode live = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    GatewayWriter.WriteResult w =
        new GatewayWriter()
            .write(
                mock.client,
                ns,
                GatewayMock.GATEWAY,
                GatewayCrs.fence(
                    GatewayCrs.snapshot(live),
                    List.of("migration-route"),
                    FenceErrorCode.BROKER_NOT_AVAILABLE));

    try (FakeGatewayOperator op =
        new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
            .start(Duration.ofMillis(200), null)) {
      GatewayAcceptance.Accepted a =
          acceptance(Duration.ZERO)
              .await(
                  mock.client,
                  ns,
                  GatewayMock.GATEWAY,
                  w.writtenAt(),
                  Duration.ofSeconds(10),
                  line -> {});
      assertEquals(w.generation(), a.observedGeneration());
    }
  }

  @Test
  void aTimeoutIsRetryableAndMentionsAStaleFailureInsteadOfHidingIt() {
    String ns = mock.newNamespace();
    mock.install(ns);
    new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
        .reject("stale: secretRef old not found", Instant.now().minus(Duration.ofHours(1)));
    ObjectNode live = GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY);
    GatewayWriter.WriteResult w =
        new GatewayWriter()
            .write(
                mock.client,
                ns,
                GatewayMock.GATEWAY,
                GatewayCrs.fence(
                    GatewayCrs.snapshot(live),
                    List.of("migration-route"),
                    FenceErrorCode.BROKER_NOT_AVAILABLE));

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                acceptance(Duration.ZERO)
                    .await(
                        mock.client,
                        ns,
                        GatewayMock.GATEWAY,
                        w.writtenAt(),
                        Duration.ofMillis(300),
                        line -> {}));

    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("generation 2, observedGeneration 1"), e.getMessage());
    assertTrue(e.getMessage().contains("not newer than this write"), e.getMessage());
  }

  @Test
  void aFailureThatClearsWithinTheSettleWindowIsNotARejection() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
    op.reject("transient: webhook unavailable", Instant.now());
    Thread accepter =
        new Thread(
            () -> {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                return;
              }
              op.rollPods();
              op.acceptLatest();
            });
    accepter.start();

    GatewayAcceptance.Accepted a =
        acceptance(Duration.ofSeconds(2))
            .await(
                mock.client,
                ns,
                GatewayMock.GATEWAY,
                w.writtenAt(),
                Duration.ofSeconds(5),
                line -> {});

    assertEquals(w.generation(), a.observedGeneration());
  }

  @Test
  void aPersistentFailureIsRejectedOnlyAfterTheSettleWindow() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)
        .reject("bad route", Instant.now());
    long t0 = System.nanoTime();

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                acceptance(Duration.ofMillis(300))
                    .await(
                        mock.client,
                        ns,
                        GatewayMock.GATEWAY,
                        w.writtenAt(),
                        Duration.ofSeconds(5),
                        line -> {}));

    assertEquals(FailureTypes.GATEWAY_REJECTED, e.type());
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 300);
  }

  @Test
  void onlyFalseFailedReasonsAndTrueFailedTypesCountAsFailures() {
    assertTrue(
        GatewayAcceptance.isFailure(
            GatewayResources.parseJson(
                "{\"type\":\"platform.confluent.io/cluster-ready\",\"status\":\"False\",\"reason\":\"ApplyFailed\"}")));
    assertTrue(
        GatewayAcceptance.isFailure(
            GatewayResources.parseJson(
                "{\"type\":\"ReconcileFailed\",\"status\":\"True\",\"reason\":\"Error\"}")));
    assertFalse(
        GatewayAcceptance.isFailure(
            GatewayResources.parseJson(
                "{\"type\":\"platform.confluent.io/cluster-ready\",\"status\":\"True\",\"reason\":\"ApplyFailed\"}")));
    assertFalse(
        GatewayAcceptance.isFailure(
            GatewayResources.parseJson(
                "{\"type\":\"platform.confluent.io/garbage-collecting\",\"status\":\"False\",\"reason\":\"NotTriggered\"}")));
  }

  @Test
  void noWriteTimeMeansNoConditionIsTakenAsOurRejection() {
    ObjectNode cr =
        GatewayResources.parseJson(
            "{\"status\":{\"conditions\":[{\"type\":\"t\",\"status\":\"False\","
                + "\"reason\":\"ApplyFailed\",\"lastTransitionTime\":\"2099-01-01T00:00:00Z\"}]}}");
    assertEquals(null, GatewayAcceptance.rejection(cr, null));
    assertEquals(
        "ApplyFailed",
        GatewayAcceptance.rejection(cr, Instant.parse("2098-01-01T00:00:00Z")).reason());
  }

  @Test
  void aGatewayDeletedWhileWaitingIsNotFound() {
    String ns = mock.newNamespace();
    GatewayWriter.WriteResult w = installAndFence(ns);
    GatewayResources.gateways(mock.client).inNamespace(ns).withName(GatewayMock.GATEWAY).delete();

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                acceptance(Duration.ZERO)
                    .await(
                        mock.client,
                        ns,
                        GatewayMock.GATEWAY,
                        w.writtenAt(),
                        Duration.ofSeconds(2),
                        line -> {}));

    assertEquals(FailureTypes.NOT_FOUND, e.type());
  }
}
