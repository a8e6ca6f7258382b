package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Gateway waits wake on the operator's answer instead of at the next poll, and fall back to polling
 * when the watch cannot be had (docs/performance.md, "Event-driven gateway waits").
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

  @Test
  void theOperatorsStatusWriteWakesTheWaitAtOnce() throws Exception {
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
                op.acceptLatest();
              });
      t.start();
      long start = System.nanoTime();
      boolean woken = wake.await(10_000);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertTrue(woken, "the status write woke the wait");
      assertTrue(ms >= 90 && ms < 5_000, "woken after " + ms + " ms: by the write at 100 ms");
      t.join();
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
}
