package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What SWITCH will write from a switchover CR file, checked at VALIDATE against the live CR: the
 * file's spec with the routes the migration does not fence kept as they are live ({@link
 * GatewayEdit.Switchover}). On a gateway shared by several groups, two mistakes would otherwise
 * pass every check of the file alone and only show after the point of no return: a file that
 * changes none of this group's routes (another group's file), and a file that drops a streaming
 * domain a kept route is bound to or gives it other bootstrap servers.
 */
final class SwitchoverFile {
  private SwitchoverFile() {}

  static void check(JsonNode live, ObjectNode file, List<String> fence, List<String> problems) {
    ObjectNode before = GatewayCrs.stripFence(live, fence);
    ObjectNode after = new GatewayEdit.Switchover(file, fence).desired(before);
    boolean moves = false;
    for (String name : fence) {
      JsonNode was = GatewayCrs.route(before, name);
      JsonNode will = GatewayCrs.route(after, name);
      moves |=
          was == null
              || will == null
              || !GatewayCrs.sameValue(was.path("streamingDomain"), will.path("streamingDomain"))
              || !GatewayCrs.sameValue(servers(before, was), servers(after, will));
    }
    if (!moves) {
      problems.add(
          "the switchover gateway CR leaves route(s) "
              + String.join(", ", fence)
              + " going where they go live (same streaming domain, same bootstrap servers), so"
              + " switching would not route this migration's traffic to the destination (the spec"
              + " is identical to the live gateway's, or it is another group's switchover CR);"
              + " point spec.gateway.crs.switchover at this group's switchover CR");
    }
    for (JsonNode kept : after.path("spec").path("routes")) {
      String name = kept.path("name").asText("");
      String domain = kept.path("streamingDomain").path("name").asText("");
      if (fence.contains(name) || domain.isEmpty()) {
        continue;
      }
      JsonNode will = domainOf(after, kept);
      if (will.isMissingNode()) {
        problems.add(
            "route "
                + name
                + ", which this migration does not fence, is bound to streaming domain \""
                + domain
                + "\", which the switchover gateway CR does not declare; SWITCH keeps that route as"
                + " it is live and would leave it pointing nowhere: declare the domain in the file"
                + " as the live CR does");
      } else if (!GatewayCrs.sameValue(servers(after, kept), servers(before, kept))) {
        problems.add(
            "the switchover gateway CR gives streaming domain \""
                + domain
                + "\" other bootstrap servers than the live CR does, and route "
                + name
                + ", which this migration does not fence, is bound to it: SWITCH would move that"
                + " route's clients too; change only this group's routes in the file");
      }
    }
  }

  /** Where a route's clients go: its domain's bootstrap servers (TLS and the rest may change). */
  private static JsonNode servers(JsonNode cr, JsonNode route) {
    ArrayNode out = GatewayResources.JSON.createArrayNode();
    for (JsonNode b : domainOf(cr, route).path("kafkaCluster").path("bootstrapServers")) {
      out.add(b.path("id").asText("") + "=" + b.path("endpoint").asText(""));
    }
    return out;
  }

  private static JsonNode domainOf(JsonNode cr, JsonNode route) {
    String name = route.path("streamingDomain").path("name").asText("");
    for (JsonNode d : cr.path("spec").path("streamingDomains")) {
      if (name.equals(d.path("name").asText(null))) {
        return d;
      }
    }
    return MissingNode.getInstance();
  }
}
