package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.sandbox.gateway.KroxyGateway;
import java.util.List;

/**
 * Builds the sandbox's Gateway CRs in the shape today's CFK accepts (the CFK Gateway CR,
 * docs/sandbox.md): both streaming domains declared up front, and the route's {@code
 * security.cluster} keyed by streaming-domain name with an entry for each ({@code passthrough} to
 * the source, {@code swap} through a File secret store with a {@code plain} login to the
 * destination, pre-staged), so fence and switch are edits of one route only and never add a domain,
 * a store or a secret (which would roll the pods on a real gateway). The switchover CR is the
 * initial one with the route bound to the destination: exactly what the derived switch writes. The
 * sandbox proxy itself speaks PLAINTEXT on both legs; the security blocks are there so the CRs
 * validate like real ones and reference real Secrets.
 */
final class SandboxGatewayCrs {
  static final String SOURCE_ID = "SRC";
  static final String DESTINATION_ID = "CC";
  static final String SECRET_STORE = "file-store";
  static final String STORE_CONFIG_SECRET = "file-store-config";
  static final String STORE_CREDENTIALS_SECRET = "file-store-credentials";
  static final String JAAS_SECRET = "plain-jaas";

  /** Every Secret the initial and switchover CRs reference. */
  static final List<String> SECRETS =
      List.of(STORE_CONFIG_SECRET, STORE_CREDENTIALS_SECRET, JAAS_SECRET);

  private SandboxGatewayCrs() {}

  /**
   * Names and addresses the CRs are built from.
   *
   * @param routes each route's name and endpoint, in {@code spec.routes} order (one per migration
   *     group, docs/sandbox.md, "Several groups on one gateway")
   */
  record Layout(
      String namespace,
      String gateway,
      List<Endpoint> routes,
      int replicas,
      String sourceDomain,
      String destinationDomain,
      String sourceBootstrap,
      String destinationBootstrap,
      boolean hotReload) {
    Layout {
      routes = List.copyOf(routes);
    }

    /** One route: its name, and the endpoint its clients connect to (its proxy's bootstrap). */
    record Endpoint(String name, String endpoint) {}

    /** The first route's name: the only one of a single-group sandbox. */
    String route() {
      return routes.get(0).name();
    }
  }

  /** The id a hot-reload gateway's initial CR carries, so its pods serve one from the start. */
  static final String INITIAL_CONFIG_ID = "sandbox-initial";

  /**
   * The initial CR: every route to the source domain, unfenced; the destination's auth pre-staged.
   */
  static ObjectNode initial(Layout l) {
    ObjectNode cr = skeleton(l);
    ArrayNode routes = ((ObjectNode) cr.get("spec")).putArray("routes");
    for (Layout.Endpoint e : l.routes()) {
      route(routes.addObject(), e, l);
    }
    return cr;
  }

  private static void route(ObjectNode route, Layout.Endpoint e, Layout l) {
    route.put("name", e.name()).put("endpoint", e.endpoint());
    route.putObject("brokerIdentificationStrategy").put("type", "port");
    route
        .putObject("streamingDomain")
        .put("name", l.sourceDomain())
        .put("bootstrapServerId", SOURCE_ID);
    ObjectNode security = route.putObject("security");
    security.putObject("client").putObject("authentication").put("type", "none");
    ObjectNode cluster = security.putObject("cluster");
    cluster.putObject(l.sourceDomain()).put("auth", "passthrough");
    ObjectNode staged =
        cluster
            .putObject(l.destinationDomain())
            .put("auth", "swap")
            .put("secretStore", SECRET_STORE);
    ObjectNode login = staged.putObject("authentication").put("type", "plain");
    login.putObject("jaasConfigPassThrough").put("secretRef", JAAS_SECRET);
  }

  /** The switchover CR of the first route. */
  static ObjectNode switchover(Layout l) {
    return switchover(l, l.route());
  }

  /**
   * The switchover CR of one group: the initial one with its route bound to the destination domain;
   * no fence. The other routes are as in the initial CR (an operator writes the file once, before
   * any group cuts over).
   *
   * @throws IllegalArgumentException when {@code routeName} is not one of the layout's routes
   */
  static ObjectNode switchover(Layout l, String routeName) {
    ObjectNode cr = initial(l);
    ObjectNode route = null;
    for (var r : cr.path("spec").path("routes")) {
      if (routeName.equals(r.path("name").asText())) {
        route = (ObjectNode) r;
      }
    }
    if (route == null) {
      throw new IllegalArgumentException("no route " + routeName + " in the sandbox gateway");
    }
    route
        .putObject("streamingDomain")
        .put("name", l.destinationDomain())
        .put("bootstrapServerId", DESTINATION_ID);
    return cr;
  }

  private static ObjectNode skeleton(Layout l) {
    ObjectNode cr = GatewayApi.JSON.createObjectNode();
    cr.put("apiVersion", GatewayApi.API_VERSION).put("kind", GatewayApi.KIND);
    ObjectNode meta = cr.putObject("metadata");
    meta.put("name", l.gateway()).put("namespace", l.namespace());
    meta.putObject("labels").put("app.kubernetes.io/part-of", "cutover-sandbox");
    ObjectNode spec = cr.putObject("spec");
    spec.put("replicas", l.replicas());
    if (l.hotReload()) {
      spec.putObject("hotReload").put("enabled", true);
      spec.put("configId", INITIAL_CONFIG_ID);
    }
    spec.putObject("image")
        .put("application", "confluentinc/confluent-gateway-for-cloud:1.3.0")
        .put("init", "confluentinc/confluent-init-container:3.1.0");
    ObjectNode store = spec.putArray("secretStores").addObject();
    store.put("name", SECRET_STORE);
    store
        .putObject("provider")
        .put("type", "File")
        .put("configSecretRef", STORE_CONFIG_SECRET)
        .put("clientCredentialsRef", STORE_CREDENTIALS_SECRET);
    ArrayNode domains = spec.putArray("streamingDomains");
    domain(domains.addObject(), l.sourceDomain(), SOURCE_ID, l.sourceBootstrap());
    domain(domains.addObject(), l.destinationDomain(), DESTINATION_ID, l.destinationBootstrap());
    spec.putObject("externalAccess")
        .put("type", "loadBalancer")
        .putObject("loadBalancer")
        .put("domain", "localhost");
    return cr;
  }

  private static void domain(ObjectNode d, String name, String id, String bootstrap) {
    d.put("name", name).put("type", "kafka");
    ObjectNode kc = d.putObject("kafkaCluster");
    kc.putArray("bootstrapServers")
        .addObject()
        .put("id", id)
        .put("endpoint", "PLAINTEXT://" + bootstrap);
    // KafkaClusterTestKit nodes have id 0; the range is what the sandbox proxy maps.
    kc.putArray("nodeIdRanges")
        .addObject()
        .put("name", "nodes")
        .put("start", 0)
        .put("end", KroxyGateway.NODE_IDS - 1);
  }
}
