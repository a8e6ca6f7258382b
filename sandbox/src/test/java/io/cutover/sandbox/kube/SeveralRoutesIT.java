package io.cutover.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.cutover.sandbox.kafka.KafkaClusters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One Gateway CR with a route per migration group, each route served by its own proxy: the operator
 * applies each route's fence and streaming domain to that route's proxy and to no other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralRoutesIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private KafkaClusters clusters;
  private final Map<String, KroxyGateway> proxies = new LinkedHashMap<>();
  private KubeSandbox kube;

  @BeforeAll
  void start() {
    clusters = KafkaClusters.start();
    for (String route : List.of("orders-route", "payments-route")) {
      proxies.put(route, KroxyGateway.start(clusters.sourceBootstrap(), 0));
    }
    kube =
        KubeSandbox.start(
            proxies,
            clusters.sourceBootstrap(),
            clusters.destinationBootstrap(),
            new KubeSandbox.Options(
                "confluent",
                "migration-gateway",
                "unused-route",
                2,
                Duration.ofMillis(50),
                Duration.ofMillis(200)));
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
    proxies.values().forEach(KroxyGateway::close);
    if (clusters != null) {
      clusters.close();
    }
  }

  @Test
  void eachRoutesFenceAndDomainReachOnlyItsOwnProxy() throws Exception {
    assertEquals(List.of("orders-route", "payments-route"), kube.routeNames());
    JsonNode routes = live().path("spec").path("routes");
    assertEquals(proxies.get("orders-route").bootstrap(), routes.get(0).path("endpoint").asText());
    assertEquals(
        proxies.get("payments-route").bootstrap(), routes.get(1).path("endpoint").asText());

    edit(
        spec ->
            route(spec, 1)
                .putObject("fence")
                .put("scope", "ALL")
                .put("errorCode", "NOT_LEADER_OR_FOLLOWER"));
    assertTrue(proxies.get("payments-route").fenced());
    assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, proxies.get("payments-route").fenceError().get());
    assertFalse(proxies.get("orders-route").fenced(), "another route's fence");

    // The orders group's switchover file: its route on the destination, the other as written then.
    JsonNode switchover = GatewayApi.fromYaml(kube.switchoverCrYaml("orders-route")).get("spec");
    assertEquals(
        KubeSandbox.DESTINATION_DOMAIN,
        switchover.path("routes").get(0).path("streamingDomain").path("name").asText());
    assertEquals(
        KubeSandbox.SOURCE_DOMAIN,
        switchover.path("routes").get(1).path("streamingDomain").path("name").asText());
    edit(
        spec ->
            route(spec, 0)
                .set(
                    "streamingDomain",
                    switchover.path("routes").get(0).path("streamingDomain").deepCopy()));
    assertEquals(clusters.destinationBootstrap(), proxies.get("orders-route").upstream());
    assertEquals(clusters.sourceBootstrap(), proxies.get("payments-route").upstream());
    assertTrue(proxies.get("payments-route").fenced(), "still fenced by its own group");
  }

  private static ObjectNode route(ObjectNode spec, int i) {
    return (ObjectNode) spec.path("routes").get(i);
  }

  private ObjectNode live() {
    return kube.liveCr();
  }

  /** Edits the live spec as the worker does (replace with the live resourceVersion) and settles. */
  private void edit(Consumer<ObjectNode> change) throws InterruptedException {
    ObjectNode cr = live();
    cr.remove("status");
    change.accept((ObjectNode) cr.get("spec"));
    GenericKubernetesResource written =
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .resource(GatewayApi.fromTree(cr))
            .update();
    assertTrue(written.getMetadata().getGeneration() > 1);
    assertTrue(kube.operator().awaitSettled(WAIT), "the operator settles");
  }
}
