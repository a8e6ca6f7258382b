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
   * The two auth modes a {@code security.cluster.<domain>} entry may have (cc-apis: Gateway CR).
   */
  static final Set<String> AUTH_MODES = Set.of("passthrough", "swap");

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
  public static List<String> problems(JsonNode live, List<String> routes, String domain) {
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
      stagedAuth(live, route, where, domain, out);
    }
    return out;
  }

  private static void stagedAuth(
      JsonNode live, JsonNode route, String where, String domain, List<String> out) {
    JsonNode staged = route.path("security").path("cluster").path(domain);
    String fix =
        "; pre-stage it in the live Gateway before the cutover (security.cluster keyed by streaming-domain"
            + " name, e.g. security.cluster."
            + domain
            + ": {auth: swap, secretStore: <store>, authentication: {...}}),"
            + " because the switch changes only streamingDomain";
    if (!staged.isObject()) {
      if (flatAuth(live, route, where, domain, out)) {
        return;
      }
      out.add(
          where
              + " has no auth for streaming domain \""
              + domain
              + "\" (security.cluster."
              + domain
              + ")"
              + fix);
      return;
    }
    String auth = staged.path("auth").asText("");
    if (!AUTH_MODES.contains(auth)) {
      out.add(
          where
              + ": security.cluster."
              + domain
              + ".auth must be passthrough or swap, got \""
              + auth
              + "\""
              + fix);
    } else if (auth.equals("swap")) {
      String store = staged.path("secretStore").asText("");
      if (store.isEmpty() || secretStore(live, store) == null) {
        out.add(
            where
                + ": security.cluster."
                + domain
                + " swaps credentials through secret store \""
                + store
                + "\", which spec.secretStores does not declare; declare it in the live Gateway or fix its secretStore");
      }
    }
  }

  /**
   * A route in the flat form of the Gateway CRD before CFK 0.1838.0 ({@link GatewayCrForms}) has
   * one {@code security} block for whichever domain it is bound to. With only {@code auth:
   * passthrough} the client's own identity goes to the target as it does under a keyed {@code
   * {auth: passthrough}} entry, so the switch needs nothing staged (kcp's hot-reload suite switches
   * such a route by its binding alone); any other flat security would carry the route's one
   * credential mapping to the target unchanged, which is a problem.
   *
   * @return whether the route is in the flat form (then its auth has been judged here)
   */
  private static boolean flatAuth(
      JsonNode live, JsonNode route, String where, String domain, List<String> out) {
    List<String> flat = GatewayCrForms.routeFlatFields(live, route);
    if (flat.isEmpty()) {
      return false;
    }
    String auth = route.path("security").path("auth").asText("");
    if (flat.equals(List.of("security.auth")) && auth.equals("passthrough")) {
      return true;
    }
    out.add(
        where
            + " writes its security in the flat form ("
            + String.join(", ", flat)
            + ") with auth \""
            + auth
            + "\": one credential mapping for whichever streaming domain the route is bound to, so the"
            + " derived switch would present it unchanged to streaming domain \""
            + domain
            + "\"; use spec.gateway.crs.switchover with the route's security for \""
            + domain
            + "\", or, on the Gateway CRD of CFK 0.1838.0 and later, key security.cluster by streaming-domain"
            + " name and pre-stage security.cluster."
            + domain);
    return true;
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
        JsonNode store = secretStore(live, staged.path("secretStore").asText(""));
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

  private static JsonNode secretStore(JsonNode cr, String name) {
    for (JsonNode s : cr.path("spec").path("secretStores")) {
      if (name.equals(s.path("name").asText(null))) {
        return s;
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
