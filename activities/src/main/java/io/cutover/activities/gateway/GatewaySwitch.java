package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The derived switch (docs/architecture.md, "SWITCH"; docs/manifest.md, "The derived switch"): pure
 * functions over Gateway CR trees, like {@link GatewayCrs}' fence. The switched CR is the VALIDATE
 * snapshot with each migrated route's {@code streamingDomain} bound to the target streaming domain
 * and nothing else changed, which is what kcp's fence, flip, unfence sequence leaves: both domains
 * and the route's auth for each ({@code security.cluster.<domain>}) are declared in the live CR
 * beforehand, so the switch is a route edit that needs no new secret. A route in the flat security
 * form of the Gateway CRD before CFK 0.1838.0 qualifies with {@code security.auth: passthrough}
 * alone.
 */
public final class GatewaySwitch {
  private GatewaySwitch() {}

  /**
   * The switched CR: the snapshot with the named routes bound to {@code domain}, without a fence.
   * Equals {@code stripFence(flip(fence(snapshot)))}, and {@code flip(unfence(snapshot))}.
   *
   * @throws GatewayException INVALID_REQUEST when {@link #flip} refuses
   */
  public static ObjectNode switched(GatewaySnapshot base, List<String> routes, String domain) {
    if (base == null) {
      throw invalid(
          "the derived switch has no snapshot of the live gateway CR to start from; run init again so that"
              + " VALIDATE takes one");
    }
    return flip(GatewayCrs.unfence(base), routes, domain);
  }

  /**
   * A copy of {@code cr} whose named routes have {@code streamingDomain: {name: domain,
   * bootstrapServerId: <the domain's only bootstrap server id>}}; every other field, route and rule
   * is kept as it is (a fence too). Idempotent.
   *
   * @throws GatewayException INVALID_REQUEST when no route is named, a route is missing or dynamic,
   *     or the domain is not declared with exactly one bootstrap server id
   */
  public static ObjectNode flip(JsonNode cr, List<String> routes, String domain) {
    if (routes == null || routes.isEmpty() || domain == null || domain.isBlank()) {
      throw invalid(
          "the derived switch needs the routes to switch and spec.gateway.targetStreamingDomain; run init"
              + " again with both set");
    }
    String id = bootstrapServerId(cr, domain);
    if (id == null) {
      throw invalid(
          "streaming domain \""
              + domain
              + "\" is not declared with exactly one bootstrap server id in the"
              + " gateway CR's spec.streamingDomains; fix the live Gateway or spec.gateway.targetStreamingDomain");
    }
    ObjectNode copy = cr.deepCopy();
    for (String name : new LinkedHashSet<>(routes)) {
      ObjectNode route = GatewayCrs.route(copy, name);
      if (route == null) {
        throw invalid(
            "route \""
                + name
                + "\" not found in the snapshot's spec.routes (declared: "
                + String.join(", ", GatewayCrs.routeNames(copy))
                + "); fix spec.gateway.fence.routes and run init again");
      }
      if (dynamic(route)) {
        throw invalid(
            "route \""
                + name
                + "\" is a dynamic route (streamingDomains); the derived switch binds a static"
                + " route's streamingDomain");
      }
      ObjectNode binding =
          route.get("streamingDomain") instanceof ObjectNode o
              ? o
              : route.putObject("streamingDomain");
      binding.put("name", domain).put("bootstrapServerId", id);
    }
    return copy;
  }

  /**
   * What the flip needs, checked at VALIDATE before anything is fenced; one problem per missing
   * piece, naming the field and the fix. Routes missing from the CR are left to the fence check.
   */
  public static List<String> problems(
      JsonNode live, List<String> routes, String domain, List<String> warnings) {
    List<String> out = new ArrayList<>();
    // A dynamic route is refused whatever the domain: named first, so that a fix of the domain
    // does not just uncover it.
    for (String name : new LinkedHashSet<>(routes)) {
      ObjectNode route = GatewayCrs.route(live, name);
      if (route != null && dynamic(route)) {
        out.add(
            "route \""
                + name
                + "\" of the live gateway CR"
                + " is dynamic (it binds streamingDomains, not one streamingDomain); the derived switch flips a"
                + " static route's streamingDomain: use spec.gateway.crs.switchover for this route");
      }
    }
    JsonNode declared = domain(live, domain);
    if (declared == null) {
      List<String> names = domainNames(live);
      out.add(
          "spec.gateway.targetStreamingDomain: streaming domain \""
              + domain
              + "\" is not declared in the live"
              + " gateway CR's spec.streamingDomains (declared: "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + "); declare it"
              + " in the live Gateway before the cutover, or fix spec.gateway.targetStreamingDomain");
      return out; // a misspelt name: the per-route checks would only repeat it
    }
    if (bootstrapServerId(live, domain) == null) {
      out.add(
          "spec.gateway.targetStreamingDomain: streaming domain \""
              + domain
              + "\" of the live gateway CR must"
              + " declare exactly one bootstrap server id (kafkaCluster.bootstrapServers[].id), it declares "
              + ids(declared)
              + "; the derived switch binds the route to that one id: keep one, or use"
              + " spec.gateway.crs.switchover");
    }
    for (String name : new LinkedHashSet<>(routes)) {
      ObjectNode route = GatewayCrs.route(live, name);
      if (route == null || dynamic(route)) {
        continue;
      }
      String where = "route \"" + name + "\" of the live gateway CR";
      if (domain.equals(route.path("streamingDomain").path("name").asText(""))) {
        out.add(
            where
                + " is already bound to streaming domain \""
                + domain
                + "\", so the switch would change"
                + " nothing; check spec.gateway.targetStreamingDomain and spec.gateway.fence.routes");
      }
      StagedAuth.check(live, route, where, domain, out, warnings);
    }
    return out;
  }

  /**
   * The Secrets the switched route relies on: those its {@code security.cluster.<domain>} entry
   * names, those of the secret store that entry uses, and those of the domain's bootstrap servers
   * (TLS).
   */
  public static List<String> secretNames(
      JsonNode live, List<String> routes, String domain, List<String> warnings) {
    Set<String> names = new TreeSet<>();
    JsonNode declared = domain(live, domain);
    if (declared != null) {
      names.addAll(GatewayCrRules.secretRefs(declared, warnings));
    }
    for (String name : new LinkedHashSet<>(routes)) {
      JsonNode staged =
          GatewayCrs.route(live, name) == null
              ? null
              : GatewayCrs.route(live, name).path("security").path("cluster").path(domain);
      if (staged != null && staged.isObject()) {
        names.addAll(GatewayCrRules.secretRefs(staged, warnings));
        JsonNode store = StagedAuth.secretStore(live, staged.path("secretStore").asText(""));
        if (store != null) {
          names.addAll(GatewayCrRules.secretRefs(store, warnings));
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * The only bootstrap server id {@code domain} declares; null when it is not declared or has none
   * or several.
   */
  static String bootstrapServerId(JsonNode cr, String domain) {
    JsonNode d = domain(cr, domain);
    JsonNode servers = d == null ? null : d.path("kafkaCluster").path("bootstrapServers");
    if (servers == null || servers.size() != 1 || servers.get(0).path("id").asText("").isEmpty()) {
      return null;
    }
    return servers.get(0).get("id").asText();
  }

  /**
   * Dynamic: {@code mode: dynamic}, or the plural binding without the singular one (cc-apis: route
   * modes).
   */
  static boolean dynamic(JsonNode route) {
    return "dynamic".equals(route.path("mode").asText(""))
        || (route.has("streamingDomains") && !route.has("streamingDomain"));
  }

  private static JsonNode domain(JsonNode cr, String name) {
    for (JsonNode d : cr.path("spec").path("streamingDomains")) {
      if (name.equals(d.path("name").asText(null))) {
        return d;
      }
    }
    return null;
  }

  private static List<String> domainNames(JsonNode cr) {
    List<String> names = new ArrayList<>();
    cr.path("spec").path("streamingDomains").forEach(d -> names.add(d.path("name").asText("")));
    return names;
  }

  private static String ids(JsonNode domain) {
    List<String> ids = new ArrayList<>();
    domain
        .path("kafkaCluster")
        .path("bootstrapServers")
        .forEach(b -> ids.add(b.path("id").asText("")));
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(FailureTypes.INVALID_REQUEST, message);
  }
}
