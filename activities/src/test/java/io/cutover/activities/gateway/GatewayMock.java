package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fabric8 mock API server in CRUD mode (plus expectations, which take precedence) with the
 * Gateway CRD registered with a status subresource. Tests use one per class and a fresh namespace
 * per test.
 */
public final class GatewayMock implements AutoCloseable {
  public static final String GATEWAY = "migration-gateway";
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  public final KubernetesMockServer server;
  public final NamespacedKubernetesClient client;

  private final DryRunDispatcher dispatcher;

  public GatewayMock() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    dispatcher = new DryRunDispatcher(responses);
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init();
    // No client-side retries of 5xx: tests that inject server errors should see them at once.
    client =
        server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    client.apiextensions().v1().customResourceDefinitions().resource(gatewayCrd()).create();
  }

  /**
   * The CRUD mock ignores {@code dryRun=All} and would store the object; a real API server answers
   * with the object as it would be and keeps nothing. A body {@link #refuse} matches is answered
   * 422, as an admission webhook would.
   */
  public static final class DryRunDispatcher extends KubernetesMixedDispatcher {
    private static final java.util.regex.Pattern POD_CONFIG =
        java.util.regex.Pattern.compile(
            "/api/v1/namespaces/([^/]+)/pods/([^/:]+):\\d+/proxy/config");

    volatile java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> refuse =
        body -> false;
    final AtomicInteger dryRuns = new AtomicInteger();

    /**
     * What each pod's {@code /config} answers through {@code pods/proxy}, by {@code ns/pod}: the
     * configId it serves; a pod not in the map answers 503 (not ready).
     */
    final Map<String, String> served = new java.util.concurrent.ConcurrentHashMap<>();

    DryRunDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
      super(responses);
    }

    @Override
    public io.fabric8.mockwebserver.http.MockResponse dispatch(
        io.fabric8.mockwebserver.http.RecordedRequest request) {
      java.util.regex.Matcher proxy = POD_CONFIG.matcher(request.getPath());
      if (proxy.matches()) {
        String id = served.get(proxy.group(1) + "/" + proxy.group(2));
        return new io.fabric8.mockwebserver.http.MockResponse()
            .setHeader("Content-Type", "application/json")
            .setResponseCode(id == null ? 503 : 200)
            .setBody(id == null ? "{}" : "{\"configId\":\"" + id + "\",\"routes\":[]}");
      }
      if (!request.getPath().contains("dryRun=All")) {
        return super.dispatch(request);
      }
      dryRuns.incrementAndGet();
      String body = request.getUtf8Body();
      var response =
          new io.fabric8.mockwebserver.http.MockResponse()
              .setHeader("Content-Type", "application/json");
      if (refuse.test(GatewayResources.parseJson(body))) {
        return response
            .setResponseCode(422)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"message\":\"admission webhook policy.example denied the request\","
                    + "\"reason\":\"Invalid\",\"code\":422}");
      }
      return response.setResponseCode(200).setBody(body);
    }
  }

  /** Dry runs seen, and which bodies to refuse. */
  public DryRunDispatcher dryRuns() {
    return dispatcher;
  }

  static CustomResourceDefinition gatewayCrd() {
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName("gateways.platform.confluent.io")
        .endMetadata()
        .withNewSpec()
        .withGroup("platform.confluent.io")
        .withScope("Namespaced")
        .withNewNames()
        .withKind("Gateway")
        .withListKind("GatewayList")
        .withPlural("gateways")
        .withSingular("gateway")
        .endNames()
        .addNewVersion()
        .withName("v1beta1")
        .withServed(true)
        .withStorage(true)
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .endVersion()
        .endSpec()
        .build();
  }

  /** A fresh namespace name, so tests sharing the server do not see each other's objects. */
  public String newNamespace() {
    String ns = "t" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    return ns;
  }

  public static String resource(String name) {
    try (InputStream in = GatewayMock.class.getResourceAsStream("/gateway/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode initialCr(String namespace) {
    ObjectNode cr =
        GatewayCrRules.parse(resource("gateway-initial.yaml"), new java.util.ArrayList<>());
    return GatewayCrs.withIdentity(cr, namespace, GATEWAY);
  }

  /** Creates the Gateway CR (status accepted), its Deployment (complete) and {@code pods} pods. */
  ObjectNode install(String namespace, ObjectNode cr, int pods) {
    GenericKubernetesResource created =
        GatewayResources.gateways(client)
            .inNamespace(namespace)
            .resource(GatewayResources.fromTree(cr))
            .create();
    FakeGatewayOperator op = new FakeGatewayOperator(client, namespace, GATEWAY);
    op.acceptLatest();
    createDeployment(namespace, GATEWAY, pods, created.getMetadata().getUid(), true);
    for (int i = 0; i < pods; i++) {
      createPod(namespace, GATEWAY);
    }
    return GatewayResources.read(client, namespace, GATEWAY);
  }

  public ObjectNode install(String namespace) {
    return install(namespace, initialCr(namespace), 2);
  }

  Deployment createDeployment(
      String namespace, String name, int replicas, String ownerUid, boolean complete) {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(GatewayResources.API_VERSION)
                    .withKind("Gateway")
                    .withName(GATEWAY)
                    .withUid(ownerUid == null ? UUID.randomUUID().toString() : ownerUid)
                    .build())
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .addToMatchLabels("app", GATEWAY)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels("app", GATEWAY)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("gateway")
            .withImage("gw")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    Deployment created = client.apps().deployments().inNamespace(namespace).resource(d).create();
    FakeGatewayOperator.setDeploymentStatus(client, namespace, name, complete ? replicas : 0);
    return created;
  }

  void createPod(String namespace, String gateway) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(gateway + "-" + UUID.randomUUID().toString().substring(0, 8))
                .withUid(UUID.randomUUID().toString())
                .addToLabels("app", gateway)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("gateway")
                .withImage("gw")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  public void createSecrets(String namespace, List<String> names) {
    for (String n : names) {
      client
          .secrets()
          .inNamespace(namespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(n)
                  .endMetadata()
                  .addToStringData("k", "v")
                  .build())
          .create();
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
