package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import java.util.List;

/**
 * What one gateway write changes, applied to the live CR each time it is read (and again after a
 * 409 Conflict). A group owns its routes only: fence, unfence and the derived switch replace those
 * routes and keep everything else as it is live, so that groups sharing one gateway (one route
 * each) never revert each other's fence or switch. A switchover CR file sets the rest of the spec,
 * but not the routes of other groups (docs/architecture.md, "One gateway, several groups").
 */
sealed interface GatewayEdit {

  /** The CR to write, given the live one. */
  ObjectNode desired(JsonNode live);

  /**
   * What identifies this edit across attempts: equal for the same edit whatever else changed in the
   * live CR since (another group's route, the operator's status).
   */
  JsonNode identity();

  /**
   * Whether the live CR already carries this edit; a hot-reload gateway's {@code spec.configId},
   * stamped on every write, is not part of it.
   */
  default boolean appliedIn(JsonNode live) {
    ObjectNode want = desired(live);
    ObjectNode have = GatewayCrs.clean(live);
    for (ObjectNode cr : List.of(want, have)) {
      if (cr.get("spec") instanceof ObjectNode spec) {
        spec.remove("configId");
      }
    }
    return GatewayCrs.specEquals(want, have);
  }

  /**
   * FENCE: the snapshot's version of the routes with the fence block. Inverse: {@link #unfence}.
   */
  static GatewayEdit fence(GatewaySnapshot base, List<String> routes, FenceErrorCode code) {
    return routesOf(GatewayCrs.fence(base, routes, code), routes);
  }

  /** The snapshot's version of the routes, unfenced. */
  static GatewayEdit unfence(GatewaySnapshot base, List<String> routes) {
    return routesOf(GatewayCrs.unfence(base), routes);
  }

  /** The derived switch: the snapshot's routes bound to {@code domain}, unfenced. */
  static GatewayEdit derivedSwitch(GatewaySnapshot base, List<String> routes, String domain) {
    return routesOf(GatewaySwitch.switched(base, routes, domain), routes);
  }

  /**
   * The named routes as they are in {@code cr}; the routes missing from it are skipped.
   *
   * @param cr a CR derived from the VALIDATE snapshot (fenced, unfenced or switched)
   */
  static GatewayEdit routesOf(JsonNode cr, List<String> names) {
    ArrayNode routes = GatewayResources.JSON.createArrayNode();
    for (String name : names) {
      ObjectNode r = GatewayCrs.route(cr, name);
      if (r != null) {
        routes.add(r.deepCopy());
      }
    }
    return new Routes(routes);
  }

  /** Replaces the routes of the same name in the live CR (appends a route it lost). */
  record Routes(ArrayNode routes) implements GatewayEdit {
    @Override
    public ObjectNode desired(JsonNode live) {
      ObjectNode cr = GatewayCrs.clean(live);
      ObjectNode spec = cr.get("spec") instanceof ObjectNode o ? o : cr.putObject("spec");
      ArrayNode liveRoutes =
          spec.get("routes") instanceof ArrayNode a ? a : spec.putArray("routes");
      for (JsonNode want : routes) {
        String name = want.path("name").asText();
        int at = indexOf(liveRoutes, name);
        if (at >= 0) {
          liveRoutes.set(at, want.deepCopy());
        } else {
          // Deleted during the cutover: put it back as this group needs it, as a whole-snapshot
          // write would have.
          liveRoutes.add(want.deepCopy());
        }
      }
      return cr;
    }

    @Override
    public JsonNode identity() {
      return routes;
    }

    private static int indexOf(ArrayNode routes, String name) {
      for (int i = 0; i < routes.size(); i++) {
        if (name.equals(routes.get(i).path("name").asText(null))) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * A switchover CR file: its spec, with the routes the migration does not fence as they are live
   * (the file's version of them is ignored).
   */
  record Switchover(ObjectNode cr, List<String> routes) implements GatewayEdit {
    @Override
    public ObjectNode desired(JsonNode live) {
      ObjectNode out = cr.deepCopy();
      ObjectNode spec = (ObjectNode) out.get("spec");
      ArrayNode merged = GatewayResources.JSON.createArrayNode();
      for (JsonNode r : live.path("spec").path("routes")) {
        String name = r.path("name").asText(null);
        if (name == null || !routes.contains(name)) {
          merged.add(r.deepCopy());
        } else if (GatewayCrs.route(cr, name) != null) {
          merged.add(GatewayCrs.route(cr, name).deepCopy());
        }
      }
      for (String name : routes) {
        if (GatewayCrs.route(live, name) == null && GatewayCrs.route(cr, name) != null) {
          merged.add(GatewayCrs.route(cr, name).deepCopy());
        }
      }
      spec.set("routes", merged);
      return out;
    }

    @Override
    public JsonNode identity() {
      ObjectNode id = GatewayResources.JSON.createObjectNode();
      id.set("spec", cr.path("spec"));
      routes.forEach(id.putArray("routes")::add);
      return id;
    }
  }

  /** The whole spec of {@code cr}: requests recorded before they named the migration's routes. */
  record WholeSpec(ObjectNode cr) implements GatewayEdit {
    @Override
    public ObjectNode desired(JsonNode live) {
      return cr.deepCopy();
    }

    @Override
    public JsonNode identity() {
      return cr.path("spec");
    }
  }
}
