package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pure functions over Gateway CR trees: snapshot, fence, unfence and comparisons. The fenced CR is
 * the snapshot plus one {@code fence} block per named route and nothing else, and the unfenced CR
 * is the snapshot itself, so fence and unfence are exact inverses.
 */
public final class GatewayCrs {
  private GatewayCrs() {}

  /** The fence scope every route fence uses: all traffic on the route. */
  public static final String FENCE_SCOPE = "ALL";

  private static final List<String> SERVER_MANAGED_METADATA =
      List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation");

  /**
   * A copy of the CR without server-managed metadata (managedFields, resourceVersion, uid,
   * creationTimestamp, generation) and without the top-level status. Labels, annotations and
   * ownerReferences are kept.
   */
  public static ObjectNode clean(JsonNode cr) {
    ObjectNode copy = cr.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode meta) {
      meta.remove(SERVER_MANAGED_METADATA);
    }
    return copy;
  }

  /**
   * Snapshots a live CR: cleaned JSON plus the resourceVersion, generation and route names read.
   */
  public static GatewaySnapshot snapshot(JsonNode liveCr) {
    JsonNode meta = liveCr.path("metadata");
    return new GatewaySnapshot(
        GatewayResources.toJson(clean(liveCr)),
        meta.path("resourceVersion").asText(""),
        meta.path("generation").asLong(0),
        routeNames(liveCr));
  }

  /**
   * Snapshots a live CR as it is without a fence on the named routes: what VALIDATE records when a
   * route of the migration is fenced already ({@link FenceTargets}), so that unfence restores the
   * route unfenced. The resourceVersion and generation are the live CR's.
   */
  public static GatewaySnapshot snapshot(JsonNode liveCr, List<String> unfenced) {
    return snapshot(stripFence(liveCr, unfenced == null ? List.of() : unfenced));
  }

  /** Route names declared in {@code spec.routes}, in order (unnamed routes are skipped). */
  public static List<String> routeNames(JsonNode cr) {
    List<String> names = new ArrayList<>();
    for (JsonNode r : cr.path("spec").path("routes")) {
      if (r.hasNonNull("name")) {
        names.add(r.get("name").asText());
      }
    }
    return names;
  }

  /** The route named {@code name} in {@code spec.routes}, or null. */
  public static ObjectNode route(JsonNode cr, String name) {
    for (JsonNode r : cr.path("spec").path("routes")) {
      if (r instanceof ObjectNode o && name.equals(r.path("name").asText(null))) {
        return o;
      }
    }
    return null;
  }

  /** A route carries a fence when its {@code fence} is present and not null ({@code {}} counts). */
  public static boolean isFenced(JsonNode route) {
    return route != null && route.hasNonNull("fence");
  }

  /** The fence block: {@code {scope: ALL, errorCode: <name>}}. */
  public static ObjectNode fenceBlock(FenceErrorCode code) {
    ObjectNode f = GatewayResources.JSON.createObjectNode();
    f.put("scope", FENCE_SCOPE);
    f.put("errorCode", code.name());
    return f;
  }

  /** The snapshot as a CR tree: what unfence applies. Inverse of {@link #fence}. */
  public static ObjectNode unfence(GatewaySnapshot base) {
    return GatewayResources.parseJson(base.crJson());
  }

  /**
   * The fenced CR: the snapshot with {@code fence: {scope: ALL, errorCode}} on each named route,
   * other routes untouched. Inverse: {@link #unfence}.
   *
   * @throws GatewayException INVALID_REQUEST when no route is named, a route is missing, or a named
   *     route is already fenced in the snapshot
   */
  public static ObjectNode fence(GatewaySnapshot base, List<String> routes, FenceErrorCode code) {
    if (routes == null || routes.isEmpty()) {
      throw invalid(
          "no routes named to fence: list the migration's routes in spec.gateway.fence.routes");
    }
    ObjectNode cr = unfence(base);
    for (String name : new LinkedHashSet<>(routes)) {
      ObjectNode route = route(cr, name);
      if (route == null) {
        throw invalid(
            "route \""
                + name
                + "\" not found in the snapshot's spec.routes (declared: "
                + String.join(", ", routeNames(cr))
                + "); fix spec.gateway.fence.routes and run init again");
      }
      if (isFenced(route)) {
        throw invalid(
            "route \""
                + name
                + "\" is already fenced in the snapshot of the live gateway;"
                + " remove its fence from the live Gateway CR and run init again");
      }
      route.set("fence", fenceBlock(code));
    }
    return cr;
  }

  /**
   * The CR with the {@code fence} field removed from the named routes (used to prove the inverse).
   */
  public static ObjectNode stripFence(JsonNode cr, List<String> routes) {
    ObjectNode copy = cr.deepCopy();
    for (String name : routes) {
      ObjectNode route = route(copy, name);
      if (route != null) {
        route.remove("fence");
      }
    }
    return copy;
  }

  /**
   * How the live CR differs from "fenced as expected": each named route carries exactly {@code
   * {scope: ALL, errorCode}}. Empty when the fence is in place. Other routes are not looked at: on
   * a gateway shared by several groups, their fences are their groups' own.
   */
  public static List<String> fenceDeviations(
      JsonNode live, List<String> routes, FenceErrorCode code) {
    List<String> out = new ArrayList<>();
    ObjectNode expected = fenceBlock(code);
    for (String name : new LinkedHashSet<>(routes)) {
      ObjectNode route = route(live, name);
      if (route == null) {
        out.add("route \"" + name + "\" is missing from the live CR");
      } else if (!isFenced(route)) {
        out.add("route \"" + name + "\" carries no fence");
      } else if (!sameValue(route.get("fence"), expected)) {
        out.add(
            "route \""
                + name
                + "\" is fenced with "
                + route.get("fence")
                + ", expected "
                + expected);
      }
    }
    return out;
  }

  /** True when both CRs have the same {@code spec} (numbers by value, null fields as absent). */
  public static boolean specEquals(JsonNode a, JsonNode b) {
    return sameValue(a.path("spec"), b.path("spec"));
  }

  /** Deep equality where 3 equals 3L equals 3.0 and {@code {x: null}} equals {@code {}}. */
  public static boolean sameValue(JsonNode a, JsonNode b) {
    return withoutNulls(a).equals(NUMERIC, withoutNulls(b));
  }

  private static final Comparator<JsonNode> NUMERIC =
      (x, y) -> {
        if (x.equals(y)) {
          return 0;
        }
        if (x.isNumber() && y.isNumber()) {
          return x.decimalValue().compareTo(y.decimalValue());
        }
        return 1;
      };

  /** A copy with null-valued object fields removed at every level. */
  static JsonNode withoutNulls(JsonNode n) {
    if (n == null) {
      return GatewayResources.JSON.missingNode();
    }
    if (n.isObject()) {
      ObjectNode copy = GatewayResources.JSON.createObjectNode();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        if (!e.getValue().isNull()) {
          copy.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return copy;
    }
    if (n.isArray()) {
      ArrayNode copy = GatewayResources.JSON.createArrayNode();
      n.forEach(v -> copy.add(withoutNulls(v)));
      return copy;
    }
    return n;
  }

  /**
   * A canonical form for hashing: keys sorted, null fields dropped, numbers as plain decimals, so
   * the same spec hashes alike whether derived locally or read back from the API server.
   */
  static JsonNode canonical(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return GatewayResources.JSON.nullNode();
    }
    if (n.isObject()) {
      ObjectNode copy = GatewayResources.JSON.createObjectNode();
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      for (String k : keys) {
        if (!n.get(k).isNull()) {
          copy.set(k, canonical(n.get(k)));
        }
      }
      return copy;
    }
    if (n.isArray()) {
      ArrayNode copy = GatewayResources.JSON.createArrayNode();
      n.forEach(v -> copy.add(canonical(v)));
      return copy;
    }
    if (n.isNumber()) {
      return GatewayResources.JSON
          .getNodeFactory()
          .textNode(n.decimalValue().stripTrailingZeros().toPlainString());
    }
    return n;
  }

  /** Sets metadata.name and metadata.namespace, creating metadata when absent. */
  public static ObjectNode withIdentity(ObjectNode cr, String namespace, String name) {
    ObjectNode meta = cr.get("metadata") instanceof ObjectNode m ? m : cr.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    return cr;
  }

  private static GatewayException invalid(String message) {
    return new GatewayException(FailureTypes.INVALID_REQUEST, message);
  }
}
