package io.cutover.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.protocol.Errors;

/**
 * What one generation of the Gateway CR asks of the sandbox proxy, read from the migration route:
 * whether it is fenced (and with which error), which upstream it targets, and which Secrets the
 * spec references (the CFK Gateway CR, docs/sandbox.md).
 *
 * @param fence the route's {@code fence.errorCode}, empty when there is no fence (a {@code fence:
 *     null} counts as none)
 * @param upstream {@code host:port} of the route's streaming domain's bootstrap server
 * @param secretRefs every Secret the spec names (secretRef, configSecretRef and
 *     clientCredentialsRef keys)
 * @param hotReload {@code spec.hotReload.enabled}: the config is applied in place, pods are not
 *     replaced
 */
record DesiredGateway(
    long generation,
    Optional<Errors> fence,
    String domain,
    String upstream,
    Set<String> secretRefs,
    boolean hotReload) {
  private static final Set<String> SECRET_KEYS =
      Set.of("secretRef", "configSecretRef", "clientCredentialsRef");

  /** Why a spec cannot be applied; the message becomes the ApplyFailed condition's message. */
  static final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code cr} for route {@code routeName}.
   *
   * @throws Rejected when a route writes security in the flat form, the route, its streaming
   *     domain, its bootstrap server or its {@code security.cluster} entry for that domain is
   *     missing, or the fence's errorCode is not a Kafka error
   */
  static DesiredGateway read(JsonNode cr, String routeName) {
    JsonNode spec = cr.path("spec");
    JsonNode route = find(spec.path("routes"), routeName);
    if (route == null) {
      throw new Rejected("route " + routeName + " not found in spec.routes");
    }
    rejectFlatSecurity(spec);
    String domainName = route.path("streamingDomain").path("name").asText("");
    JsonNode domain = find(spec.path("streamingDomains"), domainName);
    if (domain == null) {
      throw new Rejected(
          "streamingDomain "
              + domainName
              + " of route "
              + routeName
              + " not found in spec.streamingDomains");
    }
    String serverId = route.path("streamingDomain").path("bootstrapServerId").asText("");
    JsonNode server = null;
    for (JsonNode s : domain.path("kafkaCluster").path("bootstrapServers")) {
      if (serverId.isEmpty() || serverId.equals(s.path("id").asText())) {
        server = s;
        break;
      }
    }
    if (server == null || server.path("endpoint").asText("").isBlank()) {
      throw new Rejected(
          "bootstrapServerId " + serverId + " not found in streamingDomain " + domainName);
    }
    JsonNode cluster = route.path("security").path("cluster");
    if (cluster.isObject() && !cluster.path(domainName).isObject()) {
      throw new Rejected(
          "route "
              + routeName
              + " has no security.cluster entry for streaming domain "
              + domainName);
    }
    String endpoint = server.path("endpoint").asText();
    int scheme = endpoint.indexOf("://");
    String upstream = scheme >= 0 ? endpoint.substring(scheme + 3) : endpoint;
    Set<String> refs = new LinkedHashSet<>();
    collectSecretRefs(spec, refs);
    return new DesiredGateway(
        cr.path("metadata").path("generation").asLong(),
        fence(route.path("fence")),
        domainName,
        upstream,
        refs,
        spec.path("hotReload").path("enabled").asBoolean(false));
  }

  /**
   * The Gateway CRD of CFK 0.1838.0 and later keys {@code security.cluster} by streaming-domain
   * name and refuses the older flat fields (docs/sandbox.md, "Gateway CR forms"). The real API
   * server refuses such a write; the sandbox's mock API has no schema, so the operator refuses it
   * instead, with the API server's wording.
   */
  static void rejectFlatSecurity(JsonNode spec) {
    Set<String> domains = new LinkedHashSet<>();
    spec.path("streamingDomains").forEach(d -> domains.add(d.path("name").asText("")));
    List<String> unknown = new ArrayList<>();
    JsonNode routes = spec.path("routes");
    for (int i = 0; i < routes.size(); i++) {
      JsonNode security = routes.get(i).path("security");
      for (String k : List.of("auth", "secretStore")) {
        if (security.has(k)) {
          unknown.add("spec.routes[" + i + "].security." + k);
        }
      }
      for (String k : List.of("auth", "secretStore", "authentication")) {
        if (security.path("cluster").has(k) && !domains.contains(k)) {
          unknown.add("spec.routes[" + i + "].security.cluster." + k);
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new Rejected(
          "unknown field(s) "
              + String.join(", ", unknown)
              + ": field not declared in schema"
              + " (security.cluster is keyed by streaming-domain name)");
    }
  }

  private static Optional<Errors> fence(JsonNode fence) {
    if (fence.isMissingNode() || fence.isNull()) {
      return Optional.empty();
    }
    JsonNode code = fence.path("errorCode");
    if (code.isInt()) {
      Errors e = Errors.forCode((short) code.asInt());
      if (e == Errors.UNKNOWN_SERVER_ERROR && code.asInt() != Errors.UNKNOWN_SERVER_ERROR.code()) {
        throw new Rejected("fence errorCode " + code.asInt() + " is not a Kafka error code");
      }
      return Optional.of(e);
    }
    // Conservative default when the block omits errorCode: kcp always writes BROKER_NOT_AVAILABLE.
    String name = code.asText("BROKER_NOT_AVAILABLE");
    try {
      Errors e = Errors.valueOf(name);
      if (e == Errors.NONE) {
        throw new Rejected(
            "fence errorCode NONE would not fence anything; use e.g. BROKER_NOT_AVAILABLE");
      }
      return Optional.of(e);
    } catch (IllegalArgumentException ex) {
      throw new Rejected(
          "fence errorCode " + name + " is not a Kafka error name (e.g. BROKER_NOT_AVAILABLE)");
    }
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode n : array) {
      if (name.equals(n.path("name").asText(null))) {
        return n;
      }
    }
    return null;
  }

  private static void collectSecretRefs(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (SECRET_KEYS.contains(e.getKey()) && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collectSecretRefs(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectSecretRefs(n, out));
    }
  }
}
