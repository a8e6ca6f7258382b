package io.cutover.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox's hot-reload gateway as the worker sees it through the API's pods/proxy: each applied
 * generation's configId on every pod's /config, in place, and the lag and stall knobs. No Kafka:
 * the proxy's upstream is never dialled because no test here re-routes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotReloadPodsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private KroxyGateway gateway;
  private KubeSandbox kube;

  @BeforeAll
  void start() {
    gateway = KroxyGateway.start("127.0.0.1:9", 0);
    kube =
        KubeSandbox.start(
            gateway, "127.0.0.1:9", "127.0.0.1:10", KubeSandbox.Options.defaults().withHotReload());
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @AfterEach
  void clearKnobs() {
    kube.hotReloadPods().lagOnePod(Duration.ZERO);
    kube.hotReloadPods().resumeStalledPod();
  }

  @Test
  void atRestEveryPodServesTheLastAppliedGenerationsConfigId() {
    assertTrue(live().at("/spec/hotReload/enabled").asBoolean());
    assertTrue(kube.initialCrYaml().contains(SandboxGatewayCrs.INITIAL_CONFIG_ID));
    String id = live().at("/spec/configId").asText();
    for (String pod : podNames()) {
      assertEquals(id, served(pod, HotReloadPods.CONFIG_PORT));
    }
  }

  @Test
  void everyPodServesAnAppliedChangeInPlaceWithoutARollout() throws Exception {
    List<String> uids = podUids();
    int rollouts = kube.operator().rolloutCount();
    writeConfigId("change-in-place");
    for (String pod : podNames()) {
      assertEquals("change-in-place", served(pod, HotReloadPods.CONFIG_PORT));
    }
    assertEquals(uids, podUids(), "the pods are not replaced");
    assertEquals(rollouts, kube.operator().rolloutCount());
  }

  @Test
  void aLaggingPodServesTheChangeOnlyAfterItsLag() throws Exception {
    String lagging = kube.hotReloadPods().lagOnePod(Duration.ofSeconds(2));
    String before = served(lagging, HotReloadPods.CONFIG_PORT);
    writeConfigId("change-lagged");
    assertEquals(before, served(lagging, HotReloadPods.CONFIG_PORT), "not yet");
    for (String pod : podNames()) {
      if (!pod.equals(lagging)) {
        assertEquals("change-lagged", served(pod, HotReloadPods.CONFIG_PORT));
      }
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!"change-lagged".equals(served(lagging, HotReloadPods.CONFIG_PORT))) {
      assertTrue(System.nanoTime() < deadline, "the lagging pod never caught up");
      Thread.sleep(100);
    }
  }

  @Test
  void aStalledPodKeepsItsOldIdUntilTheKnobIsCleared() throws Exception {
    String stalled = kube.hotReloadPods().stallOnePod();
    String before = served(stalled, HotReloadPods.CONFIG_PORT);
    writeConfigId("change-stalled");
    Thread.sleep(500);
    assertEquals(before, served(stalled, HotReloadPods.CONFIG_PORT));
    kube.hotReloadPods().resumeStalledPod();
    assertEquals("change-stalled", served(stalled, HotReloadPods.CONFIG_PORT));
  }

  @Test
  void anotherPortOrAPodThatServesNothingAnswers503() {
    String pod = podNames().get(0);
    // fabric8 retries a 503 with back-off (about 40 s in all); one answer is what is tested here.
    try (KubernetesClient once =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(kube.client().getConfiguration())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      KubernetesClientException wrongPort =
          assertThrows(KubernetesClientException.class, () -> served(once, pod, 9999));
      assertEquals(503, wrongPort.getCode());
      KubernetesClientException unknown =
          assertThrows(
              KubernetesClientException.class,
              () -> served(once, "migration-gateway-new", HotReloadPods.CONFIG_PORT));
      assertEquals(503, unknown.getCode());
    }
  }

  /** The pod's /config through pods/proxy, the path the worker reads. */
  private String served(String pod, int port) {
    return served(kube.client(), pod, port);
  }

  private String served(KubernetesClient client, String pod, int port) {
    String body =
        client.raw(
            kube.apiUrl()
                + "/api/v1/namespaces/"
                + kube.namespace()
                + "/pods/"
                + pod
                + ":"
                + port
                + "/proxy/config");
    try {
      return GatewayApi.JSON.readTree(body).path("configId").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private void writeConfigId(String id) throws InterruptedException {
    ObjectNode cr = live();
    cr.remove("status");
    ((ObjectNode) cr.get("spec")).put("configId", id);
    kube.client()
        .genericKubernetesResources(GatewayApi.CONTEXT)
        .resource(GatewayApi.fromTree(cr))
        .update();
    assertTrue(kube.operator().awaitSettled(WAIT));
  }

  private ObjectNode live() {
    return GatewayApi.toTree(
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .withName(kube.gatewayName())
            .get());
  }

  private List<String> podNames() {
    return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private List<String> podUids() {
    return pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList();
  }

  private List<Pod> pods() {
    return kube.client()
        .pods()
        .inNamespace(kube.namespace())
        .withLabel("app", kube.gatewayName())
        .list()
        .getItems();
  }
}
