package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.TrafficCheck;
import io.cutover.workflow.model.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms clients get cluster metadata through each named route: a Kafka Admin client bootstrapped
 * at the route's {@code endpoint} must answer {@code describeCluster} with brokers. A fenced route
 * answers with the fence error until the request times out, so it fails this check.
 */
public final class TrafficProbe {
  private static final Logger log = LoggerFactory.getLogger(TrafficProbe.class);

  /**
   * Client security settings for a route. The default connects in plaintext, or with TLS when the
   * route declares a server certificate, and refuses routes that authenticate clients (it has no
   * client credentials).
   */
  @FunctionalInterface
  public interface ClientSettings {
    /**
     * Properties to merge into the Admin config; null when this worker cannot connect to the route.
     */
    Map<String, String> forRoute(
        String namespace, String gateway, String route, JsonNode routeSpec);

    ClientSettings DEFAULT =
        (ns, gw, route, spec) -> {
          JsonNode client = spec.path("security").path("client");
          String auth = client.path("authentication").path("type").asText("none");
          if (!auth.isEmpty() && !"none".equalsIgnoreCase(auth)) {
            return null;
          }
          boolean tls = client.path("tls").isObject() && !client.path("tls").isEmpty();
          return Map.of(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, tls ? "SSL" : "PLAINTEXT");
        };
  }

  private final ClientSettings settings;

  public TrafficProbe(ClientSettings settings) {
    this.settings = settings;
  }

  /**
   * Checks every named route and returns the endpoints that answered. Reads only.
   *
   * @throws GatewayException TRANSIENT when a route did not answer (it may still be rolling out),
   *     NOT_FOUND for a missing Gateway or route, UNSUPPORTED when a route needs client credentials
   */
  public TrafficCheck check(
      KubernetesClient client,
      String namespace,
      String gateway,
      List<String> routes,
      Duration timeout,
      GatewayHeartbeat heartbeat) {
    ObjectNode cr;
    try {
      cr = GatewayResources.read(client, namespace, gateway);
    } catch (KubernetesClientException e) {
      throw GatewayException.fromApi("reading gateway " + namespace + "/" + gateway, e);
    }
    if (cr == null) {
      throw new GatewayException(
          FailureTypes.NOT_FOUND,
          "gateway "
              + namespace
              + "/"
              + gateway
              + " does not exist, so no route can carry traffic; re-create it from the snapshot");
    }
    if (routes == null || routes.isEmpty()) {
      throw new GatewayException(
          FailureTypes.INVALID_REQUEST,
          "no routes named for the traffic check;"
              + " list the migration's routes in spec.gateway.fence.routes");
    }
    List<String> answered = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> clusters = new ArrayList<>();
    for (String route : routes) {
      JsonNode spec = GatewayCrs.route(cr, route);
      if (spec == null || spec.path("endpoint").asText("").isBlank()) {
        throw new GatewayException(
            FailureTypes.NOT_FOUND,
            "gateway "
                + namespace
                + "/"
                + gateway
                + " has no route \""
                + route
                + "\" with an endpoint (declared: "
                + String.join(", ", GatewayCrs.routeNames(cr))
                + "); the live CR no longer matches the migration");
      }
      String endpoint = hostPort(spec.get("endpoint").asText());
      Map<String, String> props = settings.forRoute(namespace, gateway, route, spec);
      if (props == null) {
        throw new GatewayException(
            FailureTypes.UNSUPPORTED,
            "route \""
                + route
                + "\" ("
                + endpoint
                + ") authenticates clients (security.client.authentication), and this worker has no client"
                + " credentials for it; confirm by hand that clients get metadata through it");
      }
      heartbeat.beat(
          new GatewayProgress(
              "", "traffic", null, 0, List.of(), "describeCluster via " + endpoint));
      try {
        clusters.add(route + " -> " + describe(endpoint, props, timeout));
        answered.add(endpoint);
      } catch (RuntimeException e) {
        failed.add("route \"" + route + "\" (" + endpoint + "): " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new GatewayException(
          FailureTypes.TRANSIENT,
          "no cluster metadata within "
              + Durations.format(timeout)
              + " through "
              + String.join("; ", failed)
              + ". A route still fenced or still rolling out answers like"
              + " this; check the gateway pods and that the fence is gone (kubectl -n "
              + namespace
              + " get gateway "
              + gateway
              + " -o yaml)");
    }
    return new TrafficCheck(answered, "metadata received through " + String.join(", ", clusters));
  }

  /** Cluster id and broker count from {@code describeCluster} through one endpoint. */
  static String describe(String endpoint, Map<String, String> security, Duration timeout) {
    int ms = (int) Math.max(1000, timeout.toMillis());
    Properties p = new Properties();
    p.putAll(security);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "cutover-traffic-check");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(ms));
    p.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.min(ms, 10_000)));
    p.put(
        AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG,
        String.valueOf(Math.min(ms, 10_000)));
    p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
    Admin admin = Admin.create(p);
    try {
      var result = admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
      Collection<Node> nodes = result.nodes().get(ms + 2000L, TimeUnit.MILLISECONDS);
      String clusterId = result.clusterId().get(ms + 2000L, TimeUnit.MILLISECONDS);
      if (nodes == null || nodes.isEmpty()) {
        throw new IllegalStateException("metadata came back without brokers");
      }
      log.info(
          "traffic check: {} answered with cluster {} ({} broker(s))",
          endpoint,
          clusterId,
          nodes.size());
      return "cluster " + clusterId + " (" + nodes.size() + " broker(s))";
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(c.getClass().getSimpleName() + ": " + c.getMessage(), c);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within " + Durations.format(timeout), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      // Bounded close: a default close waits for pending calls against an endpoint that never
      // answered.
      admin.close(Duration.ofSeconds(2));
    }
  }

  /** {@code host:port} from an endpoint that may carry a listener prefix such as {@code SSL://}. */
  static String hostPort(String endpoint) {
    int i = endpoint.indexOf("://");
    return (i >= 0 ? endpoint.substring(i + 3) : endpoint).trim();
  }
}
