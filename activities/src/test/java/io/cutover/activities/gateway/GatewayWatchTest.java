package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gateway waits wake on the operator's answer instead of at the next poll, and fall back to polling
 * when the watch cannot be had (docs/performance.md, "Event-driven gateway waits, a warm start, and
 * the worker's cache").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayWatchTest {
  private GatewayMock mock;

  @BeforeAll
  void start() {
    mock = new GatewayMock();
  }

  @AfterAll
  void stop() {
    mock.close();
  }

  /** Lets the watches' initial events pass: returns after 300 ms without one. */
  private static void quiet(GatewayWatch wake) throws InterruptedException {
    for (int i = 0; i < 20 && wake.await(300); i++) {
      // an initial ADDED event of one of the three watches
    }
  }

  private static boolean rejected(GatewayMock mock, String ns) {
    return GatewayResources.read(mock.client, ns, GatewayMock.GATEWAY)
        .path("status")
        .path("conditions")
        .findValuesAsText("reason")
        .contains("ApplyFailed");
  }

  @Test
  void theOperatorsStatusWriteWakesTheWaitLongBeforeItsTimeIsUp() throws Exception {
    String ns = mock.newNamespace();
    mock.install(ns);
    try (GatewayWatch wake = GatewayWatch.open(mock.client, ns, GatewayMock.GATEWAY)) {
      quiet(wake);
      FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY);
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
                op.reject("the listener port is taken", java.time.Instant.now());
              });
      long start = System.nanoTime();
      t.start();
      // As the gateway waits do: read, and wait for a change; a late event of the watches' start
      // wakes it once more, the status write must wake it before the 20 s are up.
      long deadline = start + TimeUnit.SECONDS.toNanos(20);
      while (!rejected(mock, ns) && System.nanoTime() < deadline) {
        wake.await(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      }
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      t.join();

      assertTrue(rejected(mock, ns), "the operator's answer was read");
      assertTrue(ms < 10_000, "woken after " + ms + " ms, by the write at 100 ms, not by the time");
    }
  }

  @Test
  void withoutChangesTheWaitLastsItsTime() throws Exception {
    String ns = mock.newNamespace();
    mock.install(ns);
    try (GatewayWatch wake = GatewayWatch.open(mock.client, ns, GatewayMock.GATEWAY)) {
      quiet(wake);
      long start = System.nanoTime();
      assertFalse(wake.await(300));
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 290);
    }
  }

  @Test
  void aWatchThatCannotBeOpenedLeavesThePollingInPlace() throws Exception {
    try (KubernetesClient unreachable =
        new KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:9")
                    .withRequestRetryBackoffLimit(0)
                    .withConnectionTimeout(200)
                    .build())
            .build()) {
      GatewayWatch wake = GatewayWatch.open(unreachable, "confluent", GatewayMock.GATEWAY);
      long start = System.nanoTime();
      wake.await(Duration.ofMillis(300).toMillis());
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000);
      wake.close();
    }
  }

  /**
   * The paths of the requests the mock server received since the last call (the fake operator polls
   * without watching, so every watch request is the code's under test).
   */
  private List<String> requests() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
    for (var r = mock.server.takeRequest(50, TimeUnit.MILLISECONDS);
        r != null && System.nanoTime() < end;
        r = mock.server.takeRequest(50, TimeUnit.MILLISECONDS)) {
      paths.add(r.getPath());
    }
    return paths;
  }

  @Test
  void aFenceCheckThatFindsTheFenceLiveOpensNoWatchWhileAWriteOpensThem() throws Exception {
    String ns = mock.newNamespace();
    GatewaySnapshot snap = GatewayCrs.snapshot(mock.install(ns));
    GatewayOperations ops = new GatewayOperations(GatewayOperationsTest.FAST, Clock.systemUTC());
    FenceRequest fence =
        new FenceRequest(
            new Targets.Gateway(ns, GatewayMock.GATEWAY, "", ""),
            snap,
            List.of("migration-route"),
            FenceErrorCode.NOT_LEADER_OR_FOLLOWER,
            Duration.ofSeconds(10));
    try (FakeGatewayOperator op = new FakeGatewayOperator(mock.client, ns, GatewayMock.GATEWAY)) {
      op.start(Duration.ZERO, null);
      requests();
      ops.fence(mock.client, fence, null, GatewayHeartbeat.NONE);
      List<String> byTheWrite = requests();
      ops.assertFenced(mock.client, fence, null, GatewayHeartbeat.NONE);
      List<String> byTheCheck = requests();

      assertTrue(
          byTheWrite.stream().anyMatch(p -> p.contains("watch=true")), byTheWrite.toString());
      assertFalse(byTheCheck.isEmpty(), "the check reads the CR, the Deployment and the pods");
      assertTrue(
          byTheCheck.stream().noneMatch(p -> p.contains("watch=true")), byTheCheck.toString());
    }
  }
}
