package io.cutover.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Status bookkeeping and shutdown, without Kafka: the proxy points at an address nobody listens on,
 * which is fine because these tests never connect a client (fence state needs no upstream).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeSandboxLifecycleIT {
  private KroxyGateway gateway;

  @BeforeAll
  void start() {
    gateway = KroxyGateway.start("localhost:9", 0);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void readyConditionKeepsItsTransitionTimeWhileItStaysTrueAndRejectionsAreStampedNow()
      throws Exception {
    try (KubeSandbox kube = KubeSandbox.start(gateway, "localhost:9", "localhost:10")) {
      String firstTransition = ready(kube).path("lastTransitionTime").asText();
      Thread.sleep(1100); // timestamps have whole seconds
      long gen = write(kube, "NOT_LEADER_OR_FOLLOWER");
      assertTrue(kube.operator().awaitSettled(Duration.ofSeconds(10)));
      assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, gateway.fenceError().orElseThrow());
      assertEquals(gen, live(kube).path("status").path("observedGeneration").asLong());
      assertEquals(firstTransition, ready(kube).path("lastTransitionTime").asText());

      kube.operator().rejectNext("secretRef gone not found");
      write(kube, "LEADER_NOT_AVAILABLE");
      assertTrue(kube.operator().awaitSettled(Duration.ofSeconds(10)));
      JsonNode rejected = ready(kube);
      assertEquals("ApplyFailed", rejected.path("reason").asText());
      assertTrue(rejected.path("lastTransitionTime").asText().compareTo(firstTransition) > 0);
      assertEquals(
          gen,
          live(kube).path("status").path("observedGeneration").asLong(),
          "observedGeneration stays");
      assertEquals(
          Errors.NOT_LEADER_OR_FOLLOWER,
          gateway.fenceError().orElseThrow(),
          "the rejected spec is not applied");
      gateway.unfence();
    }
  }

  @Test
  void closeStopsTheOperatorThreadTheApiAndDeletesTheKubeconfig() throws Exception {
    KubeSandbox kube = KubeSandbox.start(gateway, "localhost:9", "localhost:10");
    Path kubeconfig = kube.kubeconfig();
    int port = kube.server().getPort();
    assertTrue(Files.isRegularFile(kubeconfig));
    assertTrue(Files.readString(kubeconfig).contains("server: http://"));
    assertTrue(operatorThreadAlive());
    kube.close();
    Thread.sleep(100);
    assertFalse(operatorThreadAlive(), "the operator thread ends on close");
    assertFalse(Files.exists(kubeconfig));
    assertThrows(
        IOException.class, () -> new Socket("127.0.0.1", port).close(), "the mock API is closed");
  }

  private static boolean operatorThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("gateway-operator-"));
  }

  private static ObjectNode live(KubeSandbox kube) {
    return GatewayApi.toTree(
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .withName(kube.gatewayName())
            .get());
  }

  private static JsonNode ready(KubeSandbox kube) {
    for (JsonNode c : live(kube).path("status").path("conditions")) {
      if (GatewayStatus.CLUSTER_READY.equals(c.path("type").asText())) {
        return c;
      }
    }
    throw new AssertionError("no cluster-ready condition");
  }

  private static long write(KubeSandbox kube, String errorCode) {
    ObjectNode cr = live(kube);
    cr.remove("status");
    ((ObjectNode) cr.path("spec").path("routes").get(0))
        .putObject("fence")
        .put("scope", "ALL")
        .put("errorCode", errorCode);
    GenericKubernetesResource r =
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .resource(GatewayApi.fromTree(cr))
            .update();
    return r.getMetadata().getGeneration();
  }
}
