package io.cutover.sandbox.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.cutover.sandbox.gateway.TestClients;
import io.cutover.sandbox.kafka.KafkaClusters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Kubernetes sandbox and its operator driving a real proxy in front of two real clusters (one
 * pair, one mock API for the class). CR edits are made the way the worker makes them: read the live
 * object, change the spec, replace it with the live resourceVersion. After each test the initial
 * spec is written back and the operator settles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeSandboxIT {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private KafkaClusters clusters;
  private KroxyGateway gateway;
  private KubeSandbox kube;
  private GatewayOperatorSimulator operator;

  @BeforeAll
  void start() {
    clusters = KafkaClusters.start();
    clusters.createTopics(List.of("orders"), 1);
    TestClients.createTopic(clusters.destinationBootstrap(), "orders", 1);
    gateway = KroxyGateway.start(clusters.sourceBootstrap(), 0);
    kube =
        KubeSandbox.start(
            gateway,
            clusters.sourceBootstrap(),
            clusters.destinationBootstrap(),
            new KubeSandbox.Options(
                "confluent",
                "migration-gateway",
                "migration-route",
                2,
                Duration.ofMillis(50),
                Duration.ofMillis(300)));
    operator = kube.operator();
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (clusters != null) {
      clusters.close();
    }
  }

  @AfterEach
  void restoreInitialSpec() throws Exception {
    operator.acceptanceDelay(Duration.ofMillis(50));
    if (live().path("metadata").path("generation").asLong() > 1) {
      JsonNode initial = GatewayApi.fromYaml(kube.initialCrYaml()).get("spec");
      writeSpec(spec -> spec.setAll((ObjectNode) initial.deepCopy()), true);
    }
    assertTrue(operator.awaitSettled(WAIT));
    assertFalse(gateway.fenced());
    assertEquals(clusters.sourceBootstrap(), gateway.upstream());
  }

  @Test
  void startsWithTheInitialCrAcceptedAndAHealthyDeployment() {
    ObjectNode cr = live();
    assertEquals(
        cr.path("metadata").path("generation").asLong(),
        cr.path("status").path("observedGeneration").asLong());
    assertEquals("True", condition(cr, GatewayStatus.CLUSTER_READY).path("status").asText());
    JsonNode route = cr.path("spec").path("routes").get(0);
    assertEquals("migration-route", route.path("name").asText());
    assertEquals(gateway.bootstrap(), route.path("endpoint").asText());
    assertEquals(KubeSandbox.SOURCE_DOMAIN, route.path("streamingDomain").path("name").asText());
    assertEquals(
        2, cr.path("spec").path("streamingDomains").size(), "both clusters are declared up front");

    Deployment d = kube.client().apps().deployments().withName("migration-gateway").get();
    assertEquals("Gateway", d.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals(
        cr.path("metadata").path("uid").asText(),
        d.getMetadata().getOwnerReferences().get(0).getUid());
    assertRolloutComplete(d, 2);
    List<Pod> pods = pods();
    assertEquals(2, pods.size());
    for (Pod p : pods) {
      assertEquals("Running", p.getStatus().getPhase());
      assertEquals("Deployment", p.getMetadata().getOwnerReferences().get(0).getKind());
      assertTrue(
          p.getStatus().getConditions().stream()
              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }
    for (String s : kube.secretNames()) {
      assertNotNull(kube.client().secrets().withName(s).get(), s);
    }
    assertFalse(gateway.fenced());
    assertEquals(clusters.sourceBootstrap(), gateway.upstream());
  }

  @Test
  void addingTheFenceToTheRouteFencesTheProxyAndAdvancesObservedGeneration() throws Exception {
    try (KafkaProducer<String, String> p = TestClients.producer(gateway.bootstrap())) {
      p.send(new ProducerRecord<>("orders", "warm")).get(15, TimeUnit.SECONDS);
      long gen = writeSpec(spec -> fence(spec, "NOT_LEADER_OR_FOLLOWER"), false);
      awaitObserved(gen);
      assertEquals(Errors.NOT_LEADER_OR_FOLLOWER, gateway.fenceError().orElseThrow());
      assertEquals("True", condition(live(), GatewayStatus.CLUSTER_READY).path("status").asText());
      Future<RecordMetadata> held = p.send(new ProducerRecord<>("orders", "held"));
      Thread.sleep(500);
      assertFalse(held.isDone(), "produce is fenced");

      long unfenced =
          writeSpec(spec -> ((ObjectNode) spec.path("routes").get(0)).remove("fence"), false);
      awaitObserved(unfenced);
      assertFalse(gateway.fenced(), "removing the fence block unfences");
      held.get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void fenceErrorCodeIsTakenFromTheCrAndANullFenceCountsAsNone() {
    awaitObserved(writeSpec(spec -> fence(spec, "BROKER_NOT_AVAILABLE"), false));
    assertEquals(Errors.BROKER_NOT_AVAILABLE, gateway.fenceError().orElseThrow());
    awaitObserved(
        writeSpec(spec -> ((ObjectNode) spec.path("routes").get(0)).putNull("fence"), false));
    assertFalse(gateway.fenced());
  }

  @Test
  void switchoverCrMovesClientsToTheDestinationWithoutAFence() throws Exception {
    awaitObserved(writeSpec(spec -> fence(spec, "NOT_LEADER_OR_FOLLOWER"), false));
    JsonNode switchover = GatewayApi.fromYaml(kube.switchoverCrYaml()).get("spec");
    long t0 = System.nanoTime();
    long gen = writeSpec(spec -> spec.setAll((ObjectNode) switchover.deepCopy()), true);
    awaitObserved(gen);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertFalse(gateway.fenced(), "the switchover CR carries no fence");
    assertEquals(clusters.destinationBootstrap(), gateway.upstream());
    assertTrue(ms < 8000, "switch observed after " + ms + " ms");
    assertEquals(clusters.destinationClusterId(), TestClients.clusterId(gateway.bootstrap()));
  }

  @Test
  void missingSecretIsRejectedWithApplyFailedAndChangesNothing() throws Exception {
    assertTrue(operator.awaitSettled(WAIT));
    ObjectNode before = live();
    Set<String> podsBefore = podUids();
    long deploymentGen =
        kube.client()
            .apps()
            .deployments()
            .withName("migration-gateway")
            .get()
            .getMetadata()
            .getGeneration();
    Instant t0 = Instant.now().minusSeconds(1);

    long gen =
        writeSpec(
            spec -> {
              fence(spec, "NOT_LEADER_OR_FOLLOWER");
              ((ObjectNode)
                      spec.path("routes")
                          .get(0)
                          .path("security")
                          .path("cluster")
                          .path(KubeSandbox.SOURCE_DOMAIN))
                  .putObject("authentication")
                  .put("type", "plain")
                  .putObject("jaasConfigPassThrough")
                  .put("secretRef", "missing-jaas");
            },
            false);
    JsonNode failed =
        await(
            () -> {
              JsonNode c = condition(live(), GatewayStatus.CLUSTER_READY);
              return "False".equals(c.path("status").asText()) ? c : null;
            });
    assertEquals("ApplyFailed", failed.path("reason").asText());
    assertEquals("secretRef missing-jaas not found", failed.path("message").asText());
    assertFalse(Instant.parse(failed.path("lastTransitionTime").asText()).isBefore(t0));
    ObjectNode after = live();
    assertEquals(
        before.path("status").path("observedGeneration"),
        after.path("status").path("observedGeneration"));
    assertTrue(gen > after.path("status").path("observedGeneration").asLong());
    Thread.sleep(2 * operator.rolloutDelay().toMillis());
    assertFalse(gateway.fenced(), "nothing of a rejected spec is applied");
    assertEquals(podsBefore, podUids(), "no rollout for a rejected spec");
    assertEquals(
        deploymentGen,
        kube.client()
            .apps()
            .deployments()
            .withName("migration-gateway")
            .get()
            .getMetadata()
            .getGeneration());
  }

  @Test
  void aDryRunIsAnsweredButNeverStoredOrApplied() {
    ObjectNode cr = live();
    long generation = cr.path("metadata").path("generation").asLong();
    ((ObjectNode) cr.path("spec").path("routes").get(0))
        .putObject("fence")
        .put("scope", "ALL")
        .put("errorCode", "BROKER_NOT_AVAILABLE");
    int before = kube.admission().dryRuns();

    GenericKubernetesResource answered =
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .resource(GatewayApi.fromTree(cr))
            .dryRun()
            .update();

    assertTrue(
        GatewayApi.toTree(answered).path("spec").path("routes").get(0).has("fence"),
        "answered with the object as it would be");
    assertEquals(before + 1, kube.admission().dryRuns());
    assertFalse(live().path("spec").path("routes").get(0).has("fence"), "not stored");
    assertEquals(generation, live().path("metadata").path("generation").asLong());
    assertFalse(gateway.fenced(), "not applied");
  }

  @Test
  void aStrictDryRunRefusesTheFlatFormAndAWebhookCanDenyAWrite() {
    ObjectNode flat = live();
    long generation = flat.path("metadata").path("generation").asLong();
    ((ObjectNode) flat.path("spec").path("routes").get(0).path("security"))
        .putObject("auth")
        .put("type", "swap");
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            () ->
                kube.client()
                    .genericKubernetesResources(GatewayApi.CONTEXT)
                    .resource(GatewayApi.fromTree(flat))
                    .dryRun()
                    .fieldValidation(
                        io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation.STRICT)
                    .update());
    assertEquals(422, e.getCode());
    assertTrue(
        e.getStatus().getMessage().contains("unknown field(s) spec.routes[0].security.auth"));

    kube.admission().refuse(c -> true, "changes are frozen");
    try {
      var denied =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.fabric8.kubernetes.client.KubernetesClientException.class,
              () -> writeSpec(spec -> spec.put("replicas", 3), false));
      assertTrue(
          denied.getStatus().getMessage().endsWith("denied the request: changes are frozen"),
          denied.getStatus().getMessage());
    } finally {
      kube.admission().refuse(c -> false, "");
    }
    assertEquals(generation, live().path("metadata").path("generation").asLong(), "not stored");
  }

  @Test
  void rejectNextRejectsExactlyOneGeneration() {
    int rejected = operator.rejectedCount();
    operator.rejectNext();
    writeSpec(spec -> fence(spec, "NOT_LEADER_OR_FOLLOWER"), false);
    JsonNode c =
        await(
            () -> {
              JsonNode x = condition(live(), GatewayStatus.CLUSTER_READY);
              return "ApplyFailed".equals(x.path("reason").asText()) ? x : null;
            });
    assertEquals(GatewayOperatorSimulator.DEFAULT_REJECTION, c.path("message").asText());
    await(
        () ->
            operator.rejectedCount() == rejected + 1
                ? Boolean.TRUE
                : null); // counted right after the status write
    assertFalse(gateway.fenced());

    awaitObserved(writeSpec(spec -> fence(spec, "LEADER_NOT_AVAILABLE"), false));
    assertEquals(Errors.LEADER_NOT_AVAILABLE, gateway.fenceError().orElseThrow());
    assertEquals("True", condition(live(), GatewayStatus.CLUSTER_READY).path("status").asText());
  }

  @Test
  void unknownFenceErrorCodeIsRejected() {
    writeSpec(spec -> fence(spec, "PLEASE_WAIT"), false);
    JsonNode c =
        await(
            () -> {
              JsonNode x = condition(live(), GatewayStatus.CLUSTER_READY);
              return "ApplyFailed".equals(x.path("reason").asText()) ? x : null;
            });
    assertTrue(c.path("message").asText().contains("PLEASE_WAIT"), c.toString());
    assertFalse(gateway.fenced());
  }

  @Test
  void acceptedWriteReplacesEveryPodWithNewUidsAndCompletesTheRollout() throws Exception {
    assertTrue(operator.awaitSettled(WAIT));
    Set<String> before = podUids();
    long deploymentGen =
        kube.client()
            .apps()
            .deployments()
            .withName("migration-gateway")
            .get()
            .getMetadata()
            .getGeneration();
    int rollouts = operator.rolloutCount();
    awaitObserved(writeSpec(spec -> fence(spec, "NOT_LEADER_OR_FOLLOWER"), false));
    Set<String> after =
        await(
            () -> {
              Set<String> now = podUids();
              return now.size() == 2 && now.stream().noneMatch(before::contains) ? now : null;
            });
    assertEquals(2, after.size());
    Deployment d =
        await(
            () -> {
              Deployment x = kube.client().apps().deployments().withName("migration-gateway").get();
              return x.getStatus().getObservedGeneration() >= x.getMetadata().getGeneration()
                  ? x
                  : null;
            });
    assertTrue(d.getMetadata().getGeneration() > deploymentGen, "the pod template changed");
    assertRolloutComplete(d, 2);
    assertEquals(rollouts + 1, operator.rolloutCount());
    // What cutover bench fenced reads: the fenced generation, applied, then rolled out after the
    // rollout delay.
    assertTrue(operator.awaitSettled(WAIT));
    var last = operator.applied().all().get(operator.applied().all().size() - 1);
    assertTrue(last.fenced(), last.toString());
    assertNotNull(last.rolledOutAt(), last.toString());
    assertFalse(
        last.rolledOutAt().isBefore(last.appliedAt().plus(operator.rolloutDelay()).minusMillis(50)),
        "rolled out after the rollout delay: " + last);
  }

  @Test
  void hotReloadAppliesInPlaceWithoutReplacingPods() throws Exception {
    assertTrue(operator.awaitSettled(WAIT));
    Set<String> before = podUids();
    awaitObserved(
        writeSpec(
            spec -> {
              spec.putObject("hotReload").put("enabled", true);
              fence(spec, "NOT_LEADER_OR_FOLLOWER");
            },
            false));
    assertTrue(gateway.fenced());
    Thread.sleep(2 * operator.rolloutDelay().toMillis());
    assertEquals(before, podUids());
  }

  @Test
  void newestGenerationWinsWhenSeveralArriveWithinTheAcceptanceDelay() throws Exception {
    operator.acceptanceDelay(Duration.ofMillis(400));
    writeSpec(spec -> fence(spec, "NOT_LEADER_OR_FOLLOWER"), false);
    long last = writeSpec(spec -> fence(spec, "BROKER_NOT_AVAILABLE"), false);
    // Settled, not only observed: the simulator publishes the status before it marks the
    // generation handled (awaitSettled's contract: handled means published).
    assertTrue(operator.awaitSettled(WAIT));
    assertEquals(Errors.BROKER_NOT_AVAILABLE, gateway.fenceError().orElseThrow());
    assertEquals(last, operator.handledGeneration());
  }

  @Test
  void kubeconfigFileLetsAFreshClientReadAndWriteTheGateway() throws Exception {
    Config config = Config.fromKubeconfig(null, kube.kubeconfig().toFile());
    assertEquals("confluent", config.getNamespace());
    try (KubernetesClient fresh = new KubernetesClientBuilder().withConfig(config).build()) {
      GenericKubernetesResource cr =
          fresh.genericKubernetesResources(GatewayApi.CONTEXT).withName("migration-gateway").get();
      assertEquals(live().path("metadata").path("uid").asText(), cr.getMetadata().getUid());
      ObjectNode tree = GatewayApi.toTree(cr);
      tree.remove("status");
      fence((ObjectNode) tree.get("spec"), "NOT_LEADER_OR_FOLLOWER");
      GenericKubernetesResource written =
          fresh
              .genericKubernetesResources(GatewayApi.CONTEXT)
              .resource(GatewayApi.fromTree(tree))
              .update();
      awaitObserved(written.getMetadata().getGeneration());
    }
    assertTrue(gateway.fenced(), "a write through the kubeconfig client reached the operator");
  }

  @Test
  void switchoverCrKeepsGatewayRouteAndEndpointAndReferencesOnlyExistingSecrets() {
    ObjectNode initial = GatewayApi.fromYaml(kube.initialCrYaml());
    ObjectNode switchover = GatewayApi.fromYaml(kube.switchoverCrYaml());
    assertEquals(initial.get("apiVersion"), switchover.get("apiVersion"));
    assertEquals(initial.get("metadata"), switchover.get("metadata"));
    JsonNode a = initial.path("spec").path("routes").get(0);
    JsonNode b = switchover.path("spec").path("routes").get(0);
    assertEquals(a.path("name"), b.path("name"));
    assertEquals(a.path("endpoint"), b.path("endpoint"));
    assertEquals(KubeSandbox.DESTINATION_DOMAIN, b.path("streamingDomain").path("name").asText());
    assertTrue(b.path("fence").isMissingNode());
    assertEquals(
        initial.path("spec").path("streamingDomains"),
        switchover.path("spec").path("streamingDomains"));
    DesiredGateway want = DesiredGateway.read(switchover, "migration-route");
    assertEquals(clusters.destinationBootstrap(), want.upstream());
    assertTrue(
        Set.copyOf(kube.secretNames()).containsAll(want.secretRefs()),
        want.secretRefs().toString());
    assertTrue(want.secretRefs().contains("plain-jaas"));
  }

  // --- helpers --------------------------------------------------------------------------------

  private ObjectNode live() {
    return kube.liveCr();
  }

  /** Read-modify-replace of the spec (what the worker does); returns the new generation. */
  private long writeSpec(Consumer<ObjectNode> edit, boolean replaceWhole) {
    ObjectNode cr = live();
    cr.remove("status");
    ObjectNode spec = (ObjectNode) cr.get("spec");
    if (replaceWhole) {
      spec.removeAll();
    }
    edit.accept(spec);
    GenericKubernetesResource written =
        kube.client()
            .genericKubernetesResources(GatewayApi.CONTEXT)
            .resource(GatewayApi.fromTree(cr))
            .update();
    return written.getMetadata().getGeneration();
  }

  private static void fence(ObjectNode spec, String errorCode) {
    ((ObjectNode) spec.path("routes").get(0))
        .putObject("fence")
        .put("scope", "ALL")
        .put("errorCode", errorCode);
  }

  private void awaitObserved(long generation) {
    await(
        () ->
            live().path("status").path("observedGeneration").asLong() >= generation
                ? Boolean.TRUE
                : null);
  }

  private static JsonNode condition(JsonNode cr, String type) {
    for (JsonNode c : cr.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return GatewayApi.JSON.createObjectNode();
  }

  private List<Pod> pods() {
    return kube.client().pods().withLabel("app", "migration-gateway").list().getItems();
  }

  private Set<String> podUids() {
    return pods().stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private static void assertRolloutComplete(Deployment d, int replicas) {
    assertTrue(d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration());
    assertEquals(replicas, d.getStatus().getReplicas());
    assertEquals(replicas, d.getStatus().getUpdatedReplicas());
    assertEquals(replicas, d.getStatus().getAvailableReplicas());
  }

  private static <T> T await(Supplier<T> probe) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("condition not met within " + WAIT);
  }
}
