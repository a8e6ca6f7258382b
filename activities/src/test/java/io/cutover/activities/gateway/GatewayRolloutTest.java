package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRolloutTest {
  private final GatewayRollout rollout = new GatewayRollout(Duration.ofMillis(20));
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  @Test
  void completesOnlyAfterEveryPodFromBeforeTheWriteIsGone() throws Exception {
    String ns = mock.newNamespace();
    mock.install(ns);
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);
    assertEquals(2, before.size());
    FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
    Thread roller =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              op.rollPods();
            });
    long t0 = System.nanoTime();
    roller.start();

    GatewayRollout.Result r =
        rollout.await(
            mock.client, ns, GatewayMock.GATEWAY, before, Duration.ofSeconds(10), l -> {});

    assertTrue(
        Duration.ofNanos(System.nanoTime() - t0).toMillis() >= 250,
        "a complete Deployment alone is not enough");
    assertEquals(2, r.podsReplaced());
    assertTrue(
        GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY).stream()
            .noneMatch(before::contains));
    roller.join();
  }

  @Test
  void anOldPodStillServingTimesOutNamingThePod() {
    String ns = mock.newNamespace();
    mock.install(ns);
    List<String> before = GatewayRollout.podUids(mock.client, ns, GatewayMock.GATEWAY);

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                rollout.await(
                    mock.client, ns, GatewayMock.GATEWAY, before, Duration.ofMillis(250), l -> {}));

    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
    assertTrue(e.retryable());
    assertTrue(
        e.getMessage().contains("2 pod(s) from before the write still running: " + before.get(0)),
        e.getMessage());
  }

  @Test
  void anIncompleteDeploymentTimesOutSayingWhatIsMissing() {
    String ns = mock.newNamespace();
    mock.install(ns);
    FakeGatewayOperator.setDeploymentStatus(mock.client, ns, GatewayMock.GATEWAY, 1);

    GatewayException e =
        assertThrows(
            GatewayException.class,
            () ->
                rollout.await(
                    mock.client,
                    ns,
                    GatewayMock.GATEWAY,
                    List.of(),
                    Duration.ofMillis(200),
                    l -> {}));

    assertEquals(FailureTypes.ROLLOUT_TIMEOUT, e.type());
    assertTrue(e.getMessage().contains("1/2 available"), e.getMessage());
  }

  @Test
  void withNoOldPodsACompleteDeploymentIsEnough() {
    String ns = mock.newNamespace();
    mock.install(ns);
    GatewayRollout.Result r =
        rollout.await(
            mock.client, ns, GatewayMock.GATEWAY, List.of(), Duration.ofSeconds(1), l -> {});
    assertEquals(0, r.podsReplaced());
    assertEquals(2, r.readyReplicas());
  }

  @Test
  void findsTheDeploymentThroughItsGatewayOwnerReference() {
    String ns = mock.newNamespace();
    mock.createDeployment(ns, "gw-deployment-abc", 1, null, true);
    Deployment d = GatewayRollout.resolveDeployment(mock.client, ns, GatewayMock.GATEWAY);
    assertEquals("gw-deployment-abc", d.getMetadata().getName());
  }

  @Test
  void noDeploymentIsNotFoundAndTwoOwnedAreAmbiguous() {
    String ns = mock.newNamespace();
    GatewayException none =
        assertThrows(
            GatewayException.class,
            () -> GatewayRollout.resolveDeployment(mock.client, ns, GatewayMock.GATEWAY));
    assertEquals(FailureTypes.NOT_FOUND, none.type());

    mock.createDeployment(ns, "gw-a", 1, null, true);
    mock.createDeployment(ns, "gw-b", 1, null, true);
    GatewayException two =
        assertThrows(
            GatewayException.class,
            () -> GatewayRollout.resolveDeployment(mock.client, ns, GatewayMock.GATEWAY));
    assertEquals(FailureTypes.INVALID_REQUEST, two.type());
    assertTrue(two.getMessage().contains("gw-a, gw-b"), two.getMessage());
  }

  @Test
  void completenessNeedsObservedGenerationAndEveryReplicaUpdatedAndAvailable() {
    assertTrue(GatewayRollout.isComplete(deployment(3, 3, 3, 3, 3, 3)));
    assertFalse(GatewayRollout.isComplete(deployment(4, 3, 3, 3, 3, 3)), "generation not observed");
    assertFalse(GatewayRollout.isComplete(deployment(3, 3, 0, 0, 0, 0)), "zero replicas");
    assertFalse(GatewayRollout.isComplete(deployment(3, 3, 3, 2, 3, 3)), "updated behind");
    assertFalse(GatewayRollout.isComplete(deployment(3, 3, 3, 3, 2, 3)), "available behind");
    assertFalse(GatewayRollout.isComplete(deployment(3, 3, 3, 3, 3, 4)), "surplus old replica");
    assertFalse(GatewayRollout.isComplete(null));
  }

  private static Deployment deployment(
      long generation, long observed, int want, int updated, int available, int total) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("d")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(want)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(observed)
        .withReplicas(total)
        .withUpdatedReplicas(updated)
        .withAvailableReplicas(available)
        .endStatus()
        .build();
  }
}
