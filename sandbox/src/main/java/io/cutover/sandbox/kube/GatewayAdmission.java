package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sandbox's API server does with Gateway writes before storing them, beyond the fabric8
 * mock's CRUD: a server-side dry run ({@code dryRun=All}) is answered with the object and never
 * stored, and with {@code fieldValidation=Strict} the CRD's unknown fields are refused, as a real
 * API server does; a simulated validating admission webhook ({@link #refuse}) can deny real writes
 * and dry runs alike. Real writes keep the mock's CRUD behaviour otherwise (docs/sandbox.md,
 * "Gateway CR forms"). It also answers {@code GET .../pods/<pod>:<port>/proxy/config}, which the
 * mock cannot (it would look the path up as a stored object), from {@link HotReloadPods}.
 */
public final class GatewayAdmission extends KubernetesMixedDispatcher {
  private static final Pattern POD_CONFIG =
      Pattern.compile(
          "^/api/v1/namespaces/([^/]+)/pods/([^/:]+)(?::(\\d+))?/proxy/config(?:\\?.*)?$");
  private static final String GATEWAYS = "/apis/" + GatewayApi.GROUP + "/" + GatewayApi.VERSION;

  private volatile Predicate<JsonNode> denied = cr -> false;
  private volatile String denial = "";
  private final AtomicInteger dryRuns = new AtomicInteger();
  private volatile HotReloadPods pods;

  GatewayAdmission(Map<ServerRequest, Queue<ServerResponse>> responses) {
    super(responses);
  }

  /**
   * From now on, a webhook denies every write (or dry run) of a Gateway that {@code which} matches,
   * with {@code message}. {@code cr -> false} lets everything through again.
   */
  public void refuse(Predicate<JsonNode> which, String message) {
    denial = message;
    denied = which;
  }

  /** Where the pods' {@code /config} answers come from. */
  void servePodConfigs(HotReloadPods pods) {
    this.pods = pods;
  }

  /** Server-side dry runs of Gateways answered so far. */
  public int dryRuns() {
    return dryRuns.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String method = request.getMethod();
    Matcher proxied = path == null ? null : POD_CONFIG.matcher(path);
    if ("GET".equals(method) && proxied != null && proxied.matches()) {
      return podConfig(proxied.group(1), proxied.group(2), proxied.group(3));
    }
    boolean write = "PUT".equals(method) || "POST".equals(method) || "PATCH".equals(method);
    if (!write
        || path == null
        || !path.startsWith(GATEWAYS)
        || !path.contains("/gateways")
        || path.contains("/status")) { // the operator's status writes: not admitted here
      return super.dispatch(request);
    }
    // getBytes, not getUtf8Body: reading would consume the body the mock's CRUD still needs.
    String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    ObjectNode cr;
    try {
      cr = (ObjectNode) GatewayApi.JSON.readTree(body);
    } catch (IOException | ClassCastException e) {
      return super.dispatch(request); // not a JSON object (a JSON Patch): the mock's own handling
    }
    if (denied.test(cr)) {
      return status(
          400,
          "BadRequest",
          "admission webhook \"gateway-policy.sandbox\" denied the request: " + denial);
    }
    if (!path.contains("dryRun=All")) {
      return super.dispatch(request);
    }
    dryRuns.incrementAndGet();
    if (path.contains("fieldValidation=Strict")) {
      try {
        DesiredGateway.rejectFlatSecurity(cr.path("spec"));
      } catch (DesiredGateway.Rejected r) {
        return status(
            422, "Invalid", "Gateway.platform.confluent.io is invalid: " + r.getMessage());
      }
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /**
   * A pod's {@code /config} through the API's proxy: 200 with the id it serves; 503 (as the API
   * server answers when the pod does not answer) on another port or while it serves nothing.
   */
  private MockResponse podConfig(String namespace, String pod, String port) {
    HotReloadPods configs = pods;
    if (port != null && Integer.parseInt(port) != HotReloadPods.CONFIG_PORT) {
      return status(
          503,
          "ServiceUnavailable",
          "error trying to reach service: dial tcp "
              + pod
              + ":"
              + port
              + ": connect: connection refused");
    }
    var served = configs == null ? Optional.<HotReloadPods.Served>empty() : configs.served(pod);
    if (served.isEmpty()) {
      return status(
          503,
          "ServiceUnavailable",
          "pod " + namespace + "/" + pod + " serves no configuration yet");
    }
    ObjectNode body = GatewayApi.JSON.createObjectNode();
    body.put("configId", served.get().configId()).put("generation", served.get().generation());
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  private static MockResponse status(int code, String reason, String message) {
    ObjectNode s = GatewayApi.JSON.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure");
    s.put("message", message).put("reason", reason).put("code", code);
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(s.toString());
  }
}
