package io.cutover.activities.clusterlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent REST v3 client for one cluster link ({@code /kafka/v3/clusters/{c}/links/{l}}). Every
 * method is one logical call, never retried here (Temporal retries); failures are {@link
 * ClusterLinkException}s whose {@code retryable()} says whether a retry can help.
 */
public final class ClusterLinkClient {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterLinkClient.class);
  private static final int MAX_PAGES = 100;

  private final LinkAddress address;
  private final RestTransport http;
  private final ObjectMapper mapper;
  private final String link;
  // Learned once per client: the server has no PUT configs:alter (kcp saw 405 on CP 8.x).
  private volatile boolean batchAlterUnsupported;

  /** A client sharing {@code shared}'s connection pool and dispatcher. */
  public ClusterLinkClient(
      LinkAddress address, RestCredentials creds, ClusterLinkOptions options, OkHttpClient shared) {
    this.address = address;
    this.mapper = new ObjectMapper();
    this.http = new RestTransport(address, creds, options, shared, mapper);
    this.link = "cluster link \"" + address.linkName() + "\"";
  }

  public static ClusterLinkClient create(
      LinkAddress address, RestCredentials creds, ClusterLinkOptions options) {
    return new ClusterLinkClient(address, creds, options, new OkHttpClient());
  }

  public LinkAddress address() {
    return address;
  }

  /**
   * {@code GET .../links/{l}}: the link's state, error and topics. 404 means the link is missing.
   * Reads only.
   */
  public LinkDescription describeLink(boolean includeTasks) {
    HttpUrl.Builder url = http.linkUrl();
    if (includeTasks) {
      url.addQueryParameter("include_tasks", "true");
    }
    JsonNode n =
        http.json(
            http.call("GET", url.build(), null, linkOp("describe " + link)),
            linkOp("describe " + link));
    List<LinkDescription.LinkTask> tasks = new ArrayList<>();
    for (JsonNode t : n.path("tasks")) {
      List<String> errors = new ArrayList<>();
      for (JsonNode e : t.path("errors")) {
        errors.add(text(e, "error_code") + ": " + text(e, "error_message"));
      }
      tasks.add(new LinkDescription.LinkTask(text(t, "task_name"), text(t, "state"), errors));
    }
    String id = text(n, "cluster_link_id");
    return new LinkDescription(
        text(n, "link_name").isEmpty() ? address.linkName() : text(n, "link_name"),
        id.isEmpty() ? text(n, "link_id") : id,
        text(n, "source_cluster_id"),
        text(n, "link_state"),
        text(n, "link_error"),
        text(n, "link_error_message"),
        strings(n.path("topic_names")),
        tasks);
  }

  /**
   * {@code GET .../links/{l}/mirrors}: every mirror topic with its status and per-partition lag,
   * following {@code metadata.next} on the same host. Reads only.
   */
  public List<MirrorTopic> listMirrors() {
    RestTransport.Op op = linkOp("list mirror topics of " + link);
    List<MirrorTopic> out = new ArrayList<>();
    HttpUrl url = http.linkUrl("mirrors").build();
    for (int page = 0; url != null && page < MAX_PAGES; page++) {
      JsonNode n = http.json(http.call("GET", url, null, op), op);
      for (JsonNode m : n.path("data")) {
        out.add(mirror(m));
      }
      url = nextPage(n);
    }
    return out;
  }

  /** {@code GET .../links/{l}/mirrors/{t}}; 404 names the missing mirror topic. Reads only. */
  public MirrorTopic describeMirror(String topic) {
    RestTransport.Op op = mirrorOp("describe mirror topic \"" + topic + "\" on " + link, topic);
    return mirror(
        http.json(http.call("GET", http.linkUrl("mirrors", topic).build(), null, op), op));
  }

  /**
   * {@code POST .../mirrors:promote} for these topics in one request. The 200 answer carries a
   * result per topic; those are returned, not thrown. A topic the answer does not mention is
   * returned as not accepted. Not idempotent on the server (a second promote is refused per topic);
   * callers check mirror states first. No call for an empty list.
   */
  public List<TopicPromotion> promote(List<String> topics) {
    if (topics.isEmpty()) {
      return List.of();
    }
    RestTransport.Op op = linkOp("promote " + topics.size() + " mirror topic(s) on " + link);
    ObjectNode body = mapper.createObjectNode();
    ArrayNode names = body.putArray("mirror_topic_names");
    topics.forEach(names::add);
    JsonNode n =
        http.json(http.call("POST", http.linkUrl("mirrors:promote").build(), body, op), op);
    Map<String, TopicPromotion> byTopic = new LinkedHashMap<>();
    for (JsonNode d : n.path("data")) {
      String topic = text(d, "mirror_topic_name");
      JsonNode code = d.get("error_code");
      int errorCode = code == null || code.isNull() ? 0 : code.asInt();
      String message = http.scrub(text(d, "error_message"));
      byTopic.put(topic, new TopicPromotion(topic, errorCode == 0, errorCode, message));
    }
    List<TopicPromotion> out = new ArrayList<>();
    for (String t : topics) {
      out.add(
          byTopic.getOrDefault(
              t,
              new TopicPromotion(t, false, -1, "the promote answer has no entry for this topic")));
    }
    return out;
  }

  /**
   * {@code GET .../links/{l}/configs} as name to value, sorted. Sensitive configs are left out; a
   * null value reads as "". Reads only.
   */
  public Map<String, String> listConfigs() {
    RestTransport.Op op = linkOp("read the configs of " + link);
    JsonNode n = http.json(http.call("GET", http.linkUrl("configs").build(), null, op), op);
    Map<String, String> out = new TreeMap<>();
    for (JsonNode c : n.path("data")) {
      if (c.path("is_sensitive").asBoolean(false)) {
        continue;
      }
      out.put(text(c, "name"), text(c, "value"));
    }
    return out;
  }

  /**
   * Sets these configs, in the map's iteration order: one {@code PUT .../configs:alter} batch; when
   * the server answers 405, one {@code PUT .../configs/{name}} per key in the same order (not
   * atomic: a failure leaves the earlier keys written). Callers read back to verify.
   */
  public void alterConfigs(Map<String, String> ordered) {
    if (ordered.isEmpty()) {
      return;
    }
    String keys = String.join(", ", ordered.keySet());
    if (!batchAlterUnsupported) {
      RestTransport.Op op = linkOp("set " + keys + " on " + link);
      ObjectNode body = mapper.createObjectNode();
      ArrayNode data = body.putArray("data");
      ordered.forEach(
          (k, v) -> data.addObject().put("name", k).put("value", v).put("operation", "SET"));
      RestTransport.Answer a = http.call("PUT", http.linkUrl("configs:alter").build(), body, op);
      if (a.status() != 405) {
        http.require2xx(a, op);
        return;
      }
      LOG.info(
          "{} has no PUT configs:alter (HTTP 405); setting {} one key at a time", address, keys);
      batchAlterUnsupported = true;
    }
    for (Map.Entry<String, String> e : ordered.entrySet()) {
      RestTransport.Op op = linkOp("set " + e.getKey() + " on " + link);
      ObjectNode body = mapper.createObjectNode().put("value", e.getValue());
      http.require2xx(http.call("PUT", http.linkUrl("configs", e.getKey()).build(), body, op), op);
    }
  }

  private HttpUrl nextPage(JsonNode n) {
    String next = text(n.path("metadata"), "next");
    if (next.isEmpty()) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(next);
    if (url == null || !http.sameOrigin(url)) {
      // Never send the credentials to another host; the first page is what we have.
      LOG.warn(
          "{}: not following metadata.next to another origin; the mirror list may be incomplete",
          address);
      return null;
    }
    return url;
  }

  private static MirrorTopic mirror(JsonNode m) {
    List<MirrorTopic.PartitionLag> lags = new ArrayList<>();
    for (JsonNode l : m.path("mirror_lags")) {
      lags.add(
          new MirrorTopic.PartitionLag(
              l.path("partition").asInt(),
              l.path("lag").asLong(),
              l.path("last_source_fetch_offset").asLong()));
    }
    return new MirrorTopic(
        text(m, "mirror_topic_name"),
        text(m, "source_topic_name"),
        text(m, "mirror_status"),
        m.path("num_partitions").asInt(lags.size()),
        lags,
        m.path("state_time_ms").asLong(0),
        text(m, "mirror_topic_error"));
  }

  private RestTransport.Op linkOp(String description) {
    return new RestTransport.Op(
        description,
        link + " on cluster " + address.clusterId(),
        "check linkName and clusterId in the plan, and that restEndpoint belongs to cluster "
            + address.clusterId());
  }

  private RestTransport.Op mirrorOp(String description, String topic) {
    return new RestTransport.Op(
        description,
        "mirror topic \"" + topic + "\" on " + link + " (cluster " + address.clusterId() + ")",
        "check the topic name and that this link mirrors it (GET .../links/"
            + address.linkName()
            + "/mirrors)");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  @Override
  public String toString() {
    return "ClusterLinkClient[" + address + "]";
  }
}
