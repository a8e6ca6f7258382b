package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's Kubernetes: a fabric8 {@link KubernetesMockServer} in CRUD mode on 127.0.0.1 (with
 * expectations taking precedence, for fault injection through {@link #server()}), holding the CFK
 * Gateway CRD, a namespace, the Secrets the CRs reference, the Gateway CR (kcp's GatewayMigration
 * examples; both clusters declared as streaming domains, route {@code migration-route} whose
 * endpoint is the {@link KroxyGateway}'s bootstrap), its Deployment and pods, and a {@link
 * GatewayOperatorSimulator} that applies every CR generation to the proxy. {@link #kubeconfig()}
 * lets a separate fabric8 client (the worker's) reach the same API.
 *
 * <p>Known gaps of the mock, found while building this sandbox: no server-side apply (415), JSON
 * merge patches append to arrays, a failing JSON Patch {@code test} op hangs the client;
 * update/replace with the live resourceVersion and JSON Patch with explicit paths behave like a
 * real API server.
 */
public final class KubeSandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KubeSandbox.class);

  /**
   * Names and timings.
   *
   * @param acceptanceDelay how long the operator takes to act on a new generation
   * @param rolloutDelay how long new pods take to replace old ones after an accepted change
   * @param hotReload the Gateway CR carries {@code spec.hotReload.enabled: true}: changes are
   *     applied in place and confirmed through each pod's {@code /config} ({@link HotReloadPods})
   */
  public record Options(
      String namespace,
      String gatewayName,
      String routeName,
      int replicas,
      Duration acceptanceDelay,
      Duration rolloutDelay,
      boolean hotReload) {
    /**
     * @throws IllegalArgumentException for blank names, replicas below 1 or negative delays
     */
    public Options {
      for (String n : new String[] {namespace, gatewayName, routeName}) {
        if (n == null || n.isBlank()) {
          throw new IllegalArgumentException(
              "namespace, gateway and route names must be non-blank");
        }
      }
      if (replicas < 1
          || acceptanceDelay == null
          || rolloutDelay == null
          || acceptanceDelay.isNegative()
          || rolloutDelay.isNegative()) {
        throw new IllegalArgumentException(
            "replicas must be >= 1 and delays >= 0, got "
                + replicas
                + ", "
                + acceptanceDelay
                + ", "
                + rolloutDelay);
      }
    }

    /** A rolling gateway (no hot reload). */
    public Options(
        String namespace,
        String gatewayName,
        String routeName,
        int replicas,
        Duration acceptanceDelay,
        Duration rolloutDelay) {
      this(namespace, gatewayName, routeName, replicas, acceptanceDelay, rolloutDelay, false);
    }

    /**
     * Namespace {@code confluent}, gateway {@code migration-gateway}, route {@code
     * migration-route}, 2 replicas, 100 ms, 500 ms, rolling.
     */
    public static Options defaults() {
      return new Options(
          "confluent",
          "migration-gateway",
          "migration-route",
          2,
          Duration.ofMillis(100),
          Duration.ofMillis(500));
    }

    /** The same with a hot-reload gateway. */
    public Options withHotReload() {
      return new Options(
          namespace, gatewayName, routeName, replicas, acceptanceDelay, rolloutDelay, true);
    }
  }

  /** Streaming domain names in the CRs (as in kcp's examples). */
  public static final String SOURCE_DOMAIN = "source";

  public static final String DESTINATION_DOMAIN = "confluent-cloud";

  private final Options options;
  private final KubernetesMockServer server;
  private final GatewayAdmission admission;
  private final NamespacedKubernetesClient client;
  private final SandboxGatewayCrs.Layout layout;
  private final Path dir;
  private final Path kubeconfig;
  private GatewayOperatorSimulator operator;
  private HotReloadPods hotReloadPods;
  private boolean closed;

  private KubeSandbox(
      Options options,
      KubernetesMockServer server,
      GatewayAdmission admission,
      NamespacedKubernetesClient client,
      SandboxGatewayCrs.Layout layout,
      Path dir) {
    this.options = options;
    this.server = server;
    this.admission = admission;
    this.client = client;
    this.layout = layout;
    this.dir = dir;
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  /** {@link #start(KroxyGateway, String, String, Options)} with {@link Options#defaults()}. */
  public static KubeSandbox start(
      KroxyGateway gateway, String sourceBootstrap, String destinationBootstrap) {
    return start(gateway, sourceBootstrap, destinationBootstrap, Options.defaults());
  }

  /**
   * Starts the mock API and installs everything; returns once the operator has applied the initial
   * CR (generation 1 observed, proxy unfenced and routed to the source).
   *
   * @param gateway the proxy the operator drives; its bootstrap becomes the route endpoint
   * @throws IllegalStateException when the mock server or the initial objects cannot be created
   */
  public static KubeSandbox start(
      KroxyGateway gateway, String sourceBootstrap, String destinationBootstrap, Options options) {
    return start(
        Map.of(options.routeName(), gateway), sourceBootstrap, destinationBootstrap, options);
  }

  /**
   * {@link #start(KroxyGateway, String, String, Options)} for a gateway with one route per
   * migration group (docs/sandbox.md, "Several groups on one gateway"): each route's endpoint is
   * its proxy's bootstrap, and the operator applies each route's fence and domain to its proxy.
   *
   * @param routes each route's name and proxy, in {@code spec.routes} order (iteration order of the
   *     map); they take the place of {@link Options#routeName()}
   */
  public static KubeSandbox start(
      Map<String, KroxyGateway> routes,
      String sourceBootstrap,
      String destinationBootstrap,
      Options options) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("a sandbox gateway needs at least one route");
    }
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    GatewayAdmission admission = new GatewayAdmission(responses);
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, admission, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    NamespacedKubernetesClient client = null;
    KubeSandbox sandbox = null;
    try {
      client =
          server.createClient(
              b -> b.editOrNewConfig().withNamespace(options.namespace()).endConfig());
      Path dir = Files.createTempDirectory("kube-sandbox-");
      SandboxGatewayCrs.Layout layout =
          new SandboxGatewayCrs.Layout(
              options.namespace(),
              options.gatewayName(),
              routes.entrySet().stream()
                  .map(
                      e ->
                          new SandboxGatewayCrs.Layout.Endpoint(
                              e.getKey(), e.getValue().bootstrap()))
                  .toList(),
              options.replicas(),
              SOURCE_DOMAIN,
              DESTINATION_DOMAIN,
              strip(sourceBootstrap),
              strip(destinationBootstrap),
              options.hotReload());
      sandbox = new KubeSandbox(options, server, admission, client, layout, dir);
      sandbox.install(routes);
      LOG.info(
          "Kubernetes mock API at {} with Gateway {}/{} (kubeconfig {})",
          sandbox.apiUrl(),
          options.namespace(),
          options.gatewayName(),
          sandbox.kubeconfig);
      return sandbox;
    } catch (IOException | RuntimeException e) {
      if (sandbox != null) {
        sandbox.close();
      } else {
        if (client != null) {
          client.close();
        }
        server.destroy();
      }
      throw new IllegalStateException("the Kubernetes sandbox did not start: " + e, e);
    }
  }

  private void install(Map<String, KroxyGateway> routes) throws IOException {
    client.apiextensions().v1().customResourceDefinitions().resource(GatewayApi.crd()).create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(options.namespace())
                .endMetadata()
                .build())
        .create();
    for (String name : SandboxGatewayCrs.SECRETS) {
      createSecret(name);
    }
    GenericKubernetesResource cr =
        GatewayApi.gateways(client)
            .inNamespace(options.namespace())
            .resource(GatewayApi.fromTree(SandboxGatewayCrs.initial(layout)))
            .create();
    GatewayPods pods = new GatewayPods(client, options.namespace(), options.gatewayName());
    pods.create(cr.getMetadata().getUid(), options.replicas(), cr.getMetadata().getGeneration());
    hotReloadPods = new HotReloadPods(pods::names, options.gatewayName());
    admission.servePodConfigs(hotReloadPods);
    operator =
        new GatewayOperatorSimulator(
            client,
            options.namespace(),
            options.gatewayName(),
            routes,
            pods,
            hotReloadPods,
            options.acceptanceDelay(),
            options.rolloutDelay());
    operator.start();
    Files.writeString(kubeconfig, kubeconfigYaml(), StandardCharsets.UTF_8);
  }

  private void createSecret(String name) {
    // Placeholder values: the sandbox proxy authenticates nobody; the Secrets exist so that the
    // CRs'
    // references resolve, as the operator (and the cutover's validation) require.
    Map<String, String> data =
        switch (name) {
          case SandboxGatewayCrs.STORE_CONFIG_SECRET -> Map.of("separator", "/");
          case SandboxGatewayCrs.STORE_CREDENTIALS_SECRET ->
              Map.of("ANONYMOUS", "sandbox-key/sandbox-placeholder");
          default ->
              Map.of(
                  "plain-jaas.conf",
                  "org.apache.kafka.common.security.plain.PlainLoginModule required "
                      + "username=\"%s\" password=\"%s\";");
        };
    Map<String, String> encoded = new HashMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace(options.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withType("Opaque")
                .withData(encoded)
                .build())
        .create();
  }

  /**
   * A client of the mock API whose default namespace is the sandbox's. Closed by {@link #close()}.
   */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /**
   * The mock server, for fault injection with {@code server().expect()...} (expectations win over
   * CRUD).
   */
  public KubernetesMockServer server() {
    return server;
  }

  /**
   * The API's base URL ({@code http://localhost:<port>}; the server listens on the loopback address
   * only).
   */
  public String apiUrl() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /**
   * A kubeconfig file (context {@code sandbox}, namespace {@link #namespace()}, a placeholder
   * bearer token the mock ignores) pointing at the mock API. Deleted by {@link #close()}.
   */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The API server's admission of Gateway writes: dry runs, and a webhook that can deny. */
  public GatewayAdmission admission() {
    return admission;
  }

  /** The operator simulator driving the proxy from the Gateway CR. */
  public GatewayOperatorSimulator operator() {
    return operator;
  }

  /**
   * What each gateway pod serves on {@code /config}, and its lag and stall knobs (used when {@link
   * Options#hotReload()}).
   */
  public HotReloadPods hotReloadPods() {
    return hotReloadPods;
  }

  /** The namespace holding the Gateway, its Deployment, pods and Secrets. */
  public String namespace() {
    return options.namespace();
  }

  /** The Gateway CR's (and Deployment's) name. */
  public String gatewayName() {
    return options.gatewayName();
  }

  /**
   * The first route the operator applies to a proxy ({@code migration-route} by default): the only
   * one unless the sandbox has several groups.
   */
  public String routeName() {
    return layout.route();
  }

  /** Every route of the Gateway, in {@code spec.routes} order. */
  public List<String> routeNames() {
    return layout.routes().stream().map(SandboxGatewayCrs.Layout.Endpoint::name).toList();
  }

  /**
   * Names of the Secrets the initial and switchover CRs reference (all exist in {@link
   * #namespace()}).
   */
  public List<String> secretNames() {
    return SandboxGatewayCrs.SECRETS;
  }

  /** The initial CR as created (no status or server-set metadata). */
  public String initialCrYaml() {
    return GatewayApi.toYaml(SandboxGatewayCrs.initial(layout));
  }

  /**
   * The matching switchover CR (kcp's GatewayMigration examples): same gateway, route name and
   * endpoint; {@code streamingDomain} -> the destination domain; {@code swap} auth through the File
   * store with a {@code plain} cluster login; no fence.
   */
  public String switchoverCrYaml() {
    return GatewayApi.toYaml(SandboxGatewayCrs.switchover(layout));
  }

  /**
   * The switchover CR of the group that owns {@code route}: the initial CR with that route bound to
   * the destination.
   */
  public String switchoverCrYaml(String route) {
    return GatewayApi.toYaml(SandboxGatewayCrs.switchover(layout, route));
  }

  /** The live Gateway CR as YAML (including status). */
  public String liveCrYaml() {
    return GatewayApi.toYaml(liveCr());
  }

  /** The live Gateway CR (including status); an empty object when it is gone. */
  ObjectNode liveCr() {
    GenericKubernetesResource r =
        GatewayApi.gateways(client)
            .inNamespace(options.namespace())
            .withName(options.gatewayName())
            .get();
    return r == null ? GatewayApi.JSON.createObjectNode() : GatewayApi.toTree(r);
  }

  /** Stops the operator, the client and the mock server, and deletes the kubeconfig. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (operator != null) {
      operator.close();
    }
    if (hotReloadPods != null) {
      hotReloadPods.close();
    }
    client.close();
    server.destroy();
    try {
      Files.deleteIfExists(kubeconfig);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }

  private String kubeconfigYaml() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: sandbox
            cluster:
              server: %s
        contexts:
          - name: sandbox
            context:
              cluster: sandbox
              namespace: %s
              user: sandbox
        current-context: sandbox
        users:
          - name: sandbox
            user:
              token: sandbox-placeholder-token
        """
        .formatted(apiUrl(), options.namespace());
  }

  private static String strip(String bootstrap) {
    int scheme = bootstrap.indexOf("://");
    return scheme >= 0 ? bootstrap.substring(scheme + 3) : bootstrap;
  }
}
