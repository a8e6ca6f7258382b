package io.cutover.activities.clusterlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stateful stand-in for the REST v3 link endpoints on a MockWebServer: configs (turning offset
 * sync off clears the group filters, as CC and CP do), mirrors (promote goes ACTIVE ->
 * PENDING_STOPPED -> STOPPED after a number of reads), and injectable failures.
 */
final class FakeLinkServer extends Dispatcher {
  static final String CLUSTER = "lkc-x1";
  static final String LINK = "msk-to-cc";

  private final ObjectMapper mapper = new ObjectMapper();
  final Map<String, String> configs = Collections.synchronizedMap(new TreeMap<>());
  final Set<String> sensitive = Collections.synchronizedSet(new java.util.HashSet<>());
  final Map<String, String> mirrors = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Mirror list reads that still show a promoted topic PENDING_STOPPED before it turns STOPPED. */
  volatile int readsUntilStopped = 2;

  private final Map<String, Integer> pendingReads =
      Collections.synchronizedMap(new LinkedHashMap<>());
  volatile boolean batchAlterSupported = true;

  /** When set, config writes are answered 204 but not applied. */
  volatile boolean ignoreWrites;

  /** Config writes applied, in order, as {@code key=value}. */
  final List<String> writes = Collections.synchronizedList(new ArrayList<>());

  /** Every request, as {@code METHOD path}. */
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  final List<String> promoteBodies = Collections.synchronizedList(new ArrayList<>());
  private final Deque<MockResponse> injected = new ArrayDeque<>();

  static FakeLinkServer start(MockWebServer server) {
    FakeLinkServer fake = new FakeLinkServer();
    server.setDispatcher(fake);
    return fake;
  }

  /** The next request gets this answer instead of the simulated one. */
  synchronized void failNext(MockResponse response) {
    injected.add(response);
  }

  /** Offset sync on with an include-all filter and a 30 s interval. */
  FakeLinkServer withSyncOn() {
    configs.put("consumer.offset.sync.enable", "true");
    configs.put("consumer.offset.group.filters", ALL_GROUPS);
    configs.put("consumer.offset.sync.ms", "30000");
    configs.put("cluster.link.prefix", "");
    return this;
  }

  static final String ALL_GROUPS =
      "{\"groupFilters\":[{\"name\":\"*\",\"patternType\":\"LITERAL\",\"filterType\":\"INCLUDE\"}]}";

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    List<String> seg = request.getRequestUrl().pathSegments();
    requests.add(request.getMethod() + " " + request.getRequestUrl().encodedPath());
    synchronized (this) {
      if (!injected.isEmpty()) {
        return injected.poll();
      }
    }
    try {
      if (seg.size() < 6
          || !seg.get(0).equals("kafka")
          || !seg.get(3).equals(CLUSTER)
          || !seg.get(5).equals(LINK)) {
        return error(404, 404, "no such link");
      }
      List<String> rest = seg.subList(6, seg.size());
      String method = request.getMethod();
      if (rest.equals(List.of("configs")) && method.equals("GET")) {
        return json(configList());
      }
      if (rest.equals(List.of("configs:alter")) && method.equals("PUT")) {
        if (!batchAlterSupported) {
          return new MockResponse().setResponseCode(405);
        }
        for (JsonNode d : body(request).path("data")) {
          apply(d.path("name").asText(), d.path("value").asText());
        }
        return new MockResponse().setResponseCode(204);
      }
      if (rest.size() == 2 && rest.get(0).equals("configs") && method.equals("PUT")) {
        apply(rest.get(1), body(request).path("value").asText());
        return new MockResponse().setResponseCode(204);
      }
      if (rest.equals(List.of("mirrors")) && method.equals("GET")) {
        ObjectNode n = mapper.createObjectNode();
        ArrayNode data = n.putArray("data");
        synchronized (mirrors) {
          mirrors.keySet().forEach(t -> data.add(mirror(t)));
        }
        advance();
        return json(n);
      }
      if (rest.size() == 2 && rest.get(0).equals("mirrors") && method.equals("GET")) {
        return mirrors.containsKey(rest.get(1))
            ? json(mirror(rest.get(1)))
            : error(404, 404, "mirror not found");
      }
      if (rest.equals(List.of("mirrors:promote")) && method.equals("POST")) {
        promoteBodies.add(request.getBody().clone().readUtf8());
        return json(promote(body(request)));
      }
      return error(404, 404, "unknown path " + rest);
    } catch (IOException e) {
      return error(400, 400, "bad json");
    }
  }

  private synchronized void apply(String key, String value) {
    if (ignoreWrites) {
      return;
    }
    writes.add(key + "=" + value);
    configs.put(key, value);
    if (key.equals("consumer.offset.sync.enable") && value.equals("false")) {
      configs.put("consumer.offset.group.filters", "");
    }
  }

  private ObjectNode configList() {
    ObjectNode n = mapper.createObjectNode();
    ArrayNode data = n.putArray("data");
    synchronized (configs) {
      configs.forEach(
          (k, v) ->
              data.addObject()
                  .put("cluster_id", CLUSTER)
                  .put("link_name", LINK)
                  .put("name", k)
                  .put("value", sensitive.contains(k) ? null : v)
                  .put("is_default", false)
                  .put("is_read_only", false)
                  .put("is_sensitive", sensitive.contains(k))
                  .put("source", "DYNAMIC_CLUSTER_LINK_CONFIG"));
    }
    return n;
  }

  private ObjectNode mirror(String topic) {
    ObjectNode m =
        mapper
            .createObjectNode()
            .put("kind", "KafkaMirrorData")
            .put("link_name", LINK)
            .put("mirror_topic_name", topic)
            .put("source_topic_name", topic)
            .put("num_partitions", 1)
            .put("mirror_status", mirrors.get(topic))
            .put("state_time_ms", 1763971200000L);
    m.putArray("mirror_lags")
        .addObject()
        .put("partition", 0)
        .put("lag", 0)
        .put("last_source_fetch_offset", 10);
    return m;
  }

  private synchronized void advance() {
    // A topic set PENDING_STOPPED by a test (not by promote) also moves on.
    mirrors.forEach(
        (t, status) -> {
          if (status.equals("PENDING_STOPPED")) {
            pendingReads.putIfAbsent(t, readsUntilStopped);
          }
        });
    for (String t : new ArrayList<>(pendingReads.keySet())) {
      int left = pendingReads.get(t) - 1;
      if (left <= 0) {
        pendingReads.remove(t);
        mirrors.put(t, "STOPPED");
      } else {
        pendingReads.put(t, left);
      }
    }
  }

  private synchronized ObjectNode promote(JsonNode body) {
    ObjectNode n = mapper.createObjectNode().put("kind", "KafkaPromoteMirror");
    ArrayNode data = n.putArray("data");
    for (JsonNode name : body.path("mirror_topic_names")) {
      String t = name.asText();
      ObjectNode d = data.addObject().put("kind", "AlterMirrorsData").put("mirror_topic_name", t);
      String status = mirrors.get(t);
      if (status == null) {
        d.put("error_code", 404).put("error_message", "Topic '" + t + "' is not a mirror topic");
      } else if (status.equals("ACTIVE")) {
        mirrors.put(t, "PENDING_STOPPED");
        pendingReads.put(t, readsUntilStopped);
        d.putNull("error_code").putNull("error_message");
      } else {
        d.put("error_code", 400)
            .put(
                "error_message",
                "Topic '" + t + "' has already stopped its mirror from '" + LINK + "'");
      }
    }
    return n;
  }

  private JsonNode body(RecordedRequest r) throws IOException {
    return mapper.readTree(r.getBody().clone().readUtf8());
  }

  private MockResponse json(JsonNode n) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(n.toString());
  }

  static MockResponse error(int status, int code, String message) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"error_code\":" + code + ",\"message\":\"" + message + "\"}");
  }
}
