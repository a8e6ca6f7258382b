package io.cutover.sandbox.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The REST v3 endpoints that Cutover and kcp call (link, configs, mirrors, promote), on one
 * simulated link (docs/sandbox.md). Paths are relative to {@code /kafka/v3}. Errors are thrown as
 * {@link LinkApiException}s.
 */
final class LinkRestRoutes {
  /** A JSON answer; a null body means no content. */
  record Reply(int status, JsonNode body) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body);
    }

    static Reply noContent() {
      return new Reply(204, null);
    }
  }

  private final ClusterLinkSimulator sim;
  private final RestJson json;

  LinkRestRoutes(ClusterLinkSimulator sim, RestJson json) {
    this.sim = sim;
    this.json = json;
  }

  /**
   * @param segs path segments after {@code /kafka/v3}, decoded
   * @param query decoded query parameters (last value wins)
   */
  Reply route(String method, List<String> segs, Map<String, String> query, byte[] body) {
    int n = segs.size();
    if (n == 0 || !segs.get(0).equals("clusters")) {
      throw notFound();
    }
    if (n == 1) {
      requireMethod(method, "GET");
      return Reply.ok(
          RestJson.list("KafkaClusterList", json.clustersUrl(), List.of(json.cluster())));
    }
    if (!segs.get(1).equals(sim.destinationClusterId())) {
      throw LinkApiException.notFound("Cluster '" + segs.get(1) + "' not found.");
    }
    if (n == 2) {
      requireMethod(method, "GET");
      return Reply.ok(json.cluster());
    }
    if (!segs.get(2).equals("links")) {
      throw notFound();
    }
    if (n == 3) {
      requireMethod(method, "GET");
      return Reply.ok(
          RestJson.list(
              "KafkaLinkDataList", json.clusterUrl() + "/links", List.of(json.link(false))));
    }
    String link = segs.get(3);
    boolean anyLink = link.equals("-") && n == 5 && segs.get(4).equals("mirrors");
    if (!link.equals(sim.linkName()) && !anyLink) {
      throw LinkApiException.notFound("Cluster link '" + link + "' does not exist.");
    }
    if (n == 4) {
      requireMethod(method, "GET");
      return Reply.ok(
          json.link(Boolean.parseBoolean(query.getOrDefault("include_tasks", "false"))));
    }
    String sub = segs.get(4);
    if (sub.equals("mirrors")) {
      return mirrors(method, segs.subList(5, n), query, anyLink);
    }
    if (sub.equals("mirrors:promote") && n == 5) {
      requireMethod(method, "POST");
      return promote(body, Boolean.parseBoolean(query.getOrDefault("validate_only", "false")));
    }
    if (sub.startsWith("mirrors:") && n == 5) {
      throw LinkApiException.notFound(
          "The sandbox's cluster link simulates mirrors:promote only, not " + sub + ".");
    }
    if (sub.equals("configs")) {
      return configs(method, segs.subList(5, n), body);
    }
    if (sub.equals("configs:alter") && n == 5) {
      requireMethod(
          method, "PUT"); // the spec's batch alter is PUT; POST is 405 (kcp saw this on CP 8.x)
      alterBatch(body, query);
      return Reply.noContent();
    }
    throw notFound();
  }

  private Reply mirrors(
      String method, List<String> rest, Map<String, String> query, boolean anyLink) {
    requireMethod(method, "GET");
    if (rest.isEmpty()) {
      String status = query.get("mirror_status");
      MirrorState filter = status == null || status.isEmpty() ? null : mirrorState(status);
      List<ObjectNode> items = new ArrayList<>();
      for (MirrorSnapshot m : sim.mirrors()) {
        if (filter == null || m.state() == filter) {
          items.add(json.mirror(m));
        }
      }
      String self = anyLink ? json.clusterUrl() + "/links/-/mirrors" : json.linkUrl() + "/mirrors";
      return Reply.ok(RestJson.list("KafkaMirrorDataList", self, items));
    }
    if (rest.size() == 1 && !anyLink) {
      return Reply.ok(json.mirror(sim.describeMirror(rest.get(0))));
    }
    throw notFound();
  }

  private Reply promote(byte[] body, boolean validateOnly) {
    JsonNode req = parse(body);
    List<String> topics = new ArrayList<>();
    JsonNode names = req.get("mirror_topic_names");
    JsonNode pattern = req.get("mirror_topic_name_pattern");
    if (names != null && names.isArray() && !names.isEmpty()) {
      names.forEach(t -> topics.add(t.asText()));
    } else if (pattern != null && pattern.isTextual()) {
      Pattern p;
      try {
        p = Pattern.compile(pattern.asText());
      } catch (PatternSyntaxException e) {
        throw LinkApiException.badRequest(
            "mirror_topic_name_pattern is not a valid regular expression: " + e.getDescription());
      }
      sim.mirrorTopics().stream().filter(t -> p.matcher(t).matches()).forEach(topics::add);
    } else {
      throw LinkApiException.badRequest(
          "The request needs a non-empty \"mirror_topic_names\" array or a \"mirror_topic_name_pattern\".");
    }
    List<ObjectNode> data = new ArrayList<>();
    sim.promote(topics, validateOnly).forEach(o -> data.add(json.alterMirrorsData(o)));
    ObjectNode out = RestJson.list("KafkaPromoteMirror", json.linkUrl() + "/mirrors", data);
    ((ObjectNode) out.get("metadata")).remove("next");
    return Reply.ok(out);
  }

  private Reply configs(String method, List<String> rest, byte[] body) {
    if (rest.isEmpty()) {
      requireMethod(method, "GET");
      List<ObjectNode> items = new ArrayList<>();
      sim.configEntries().forEach(e -> items.add(json.config(e)));
      return Reply.ok(RestJson.list("KafkaLinkConfigDataList", json.linkUrl() + "/configs", items));
    }
    if (rest.size() != 1) {
      throw notFound();
    }
    String name = rest.get(0);
    switch (method) {
      case "GET":
        return Reply.ok(json.config(sim.configEntry(name)));
      case "PUT":
        JsonNode value = parse(body).get("value");
        if (value == null || value.isNull() || !value.isValueNode()) {
          throw LinkApiException.badRequest("The request needs a string \"value\".");
        }
        sim.setConfig(name, value.asText());
        return Reply.noContent();
      case "DELETE":
        sim.configEntry(name); // 404 for an unknown name
        sim.resetConfig(name);
        return Reply.noContent();
      default:
        throw methodNotAllowed(method);
    }
  }

  private void alterBatch(byte[] body, Map<String, String> query) {
    JsonNode req = parse(body);
    JsonNode data = req.get("data");
    if (data == null || !data.isArray()) {
      throw LinkApiException.badRequest(
          "The request needs a \"data\" array of {name, value, operation}.");
    }
    List<ConfigOp> ops = new ArrayList<>();
    for (JsonNode d : data) {
      String op = d.path("operation").asText("SET").toUpperCase(Locale.ROOT);
      if (!op.equals("SET") && !op.equals("DELETE")) {
        throw LinkApiException.badRequest("operation \"" + op + "\" is not SET or DELETE.");
      }
      JsonNode v = d.get("value");
      String name = d.hasNonNull("name") ? d.get("name").asText() : null;
      ops.add(
          new ConfigOp(
              name, v == null || v.isNull() ? null : v.asText(), ConfigOp.Operation.valueOf(op)));
    }
    boolean validateOnly =
        req.path("validate_only").asBoolean(false)
            || Boolean.parseBoolean(query.getOrDefault("validate_only", "false"));
    sim.alterConfigs(ops, validateOnly);
  }

  private static MirrorState mirrorState(String status) {
    try {
      return MirrorState.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LinkApiException.badRequest(
          "mirror_status \""
              + status
              + "\" is not a mirror status (ACTIVE, PENDING_STOPPED, STOPPED, ...).");
    }
  }

  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw LinkApiException.badRequest("The request body is empty; a JSON object is expected.");
    }
    try {
      JsonNode n = RestJson.MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw LinkApiException.badRequest("The request body must be a JSON object.");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw LinkApiException.badRequest(
          "Malformed JSON in the request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw LinkApiException.badRequest("Unreadable request body: " + e.getMessage());
    }
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw methodNotAllowed(method);
    }
  }

  private static LinkApiException methodNotAllowed(String method) {
    return new LinkApiException(405, 405, "HTTP 405 Method Not Allowed (" + method + ")");
  }

  private static LinkApiException notFound() {
    return LinkApiException.notFound("HTTP 404 Not Found");
  }
}
