package io.cutover.sandbox.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * JSON bodies of the simulated REST v3 API, with the field names of Confluent's spec as quoted in
 * REST v3 mirrors:promote, docs/sandbox.md ({@code kind}, {@code metadata.self}, {@code data[]},
 * snake_case fields).
 */
final class RestJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String base; // e.g. http://127.0.0.1:PORT/kafka/v3
  private final ClusterLinkSimulator sim;

  RestJson(String base, ClusterLinkSimulator sim) {
    this.base = base;
    this.sim = sim;
  }

  /** {@code {"error_code":..,"message":..}} (spec {@code Error}). */
  static ObjectNode error(int errorCode, String message) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("error_code", errorCode);
    n.put("message", message);
    return n;
  }

  String clustersUrl() {
    return base + "/clusters";
  }

  String clusterUrl() {
    return clustersUrl() + "/" + sim.destinationClusterId();
  }

  String linkUrl() {
    return clusterUrl() + "/links/" + sim.linkName();
  }

  /** A {@code *List} envelope: kind, metadata {self, next:null}, data[]. */
  static ObjectNode list(String kind, String self, List<ObjectNode> items) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", kind);
    n.putObject("metadata").put("self", self).putNull("next");
    ArrayNode data = n.putArray("data");
    items.forEach(data::add);
    return n;
  }

  /** {@code KafkaCluster}, as {@code GET /kafka/v3/clusters/{cluster_id}} returns it. */
  ObjectNode cluster() {
    String self = clusterUrl();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "KafkaCluster");
    n.putObject("metadata")
        .put("self", self)
        .put("resource_name", "crn:///kafka=" + sim.destinationClusterId());
    n.put("cluster_id", sim.destinationClusterId());
    n.putObject("controller").put("related", self + "/brokers/0");
    n.putObject("acls").put("related", self + "/acls");
    n.putObject("brokers").put("related", self + "/brokers");
    n.putObject("broker_configs").put("related", self + "/broker-configs");
    n.putObject("consumer_groups").put("related", self + "/consumer-groups");
    n.putObject("topics").put("related", self + "/topics");
    n.putObject("partition_reassignments")
        .put("related", self + "/topics/-/partitions/-/reassignment");
    return n;
  }

  /** {@code KafkaLinkData} (the link); tasks only when asked for. */
  ObjectNode link(boolean includeTasks) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "KafkaLinkData");
    n.putObject("metadata").put("self", linkUrl());
    n.put("link_name", sim.linkName());
    n.put("cluster_link_id", sim.clusterLinkId());
    n.put("link_id", sim.clusterLinkId()); // deprecated alias the spec still lists
    n.put("source_cluster_id", sim.sourceClusterId());
    ArrayNode topics = n.putArray("topic_names");
    sim.mirrorTopics().forEach(topics::add);
    n.put("link_state", "ACTIVE");
    n.put("link_error", "NO_ERROR");
    n.putNull("link_error_message");
    if (includeTasks) {
      ArrayNode tasks = n.putArray("tasks");
      // task_name values are illustrative: the spec does not enumerate them.
      addTask(tasks, "ConsumerOffsetSync", sim.offsetSyncEnabled() ? "ACTIVE" : "NOT_CONFIGURED");
      addTask(tasks, "TopicConfigsSync", "ACTIVE");
      addTask(tasks, "AclSync", "NOT_CONFIGURED");
    }
    return n;
  }

  private static void addTask(ArrayNode tasks, String name, String state) {
    ObjectNode t = tasks.addObject();
    t.put("task_name", name);
    t.put("state", state);
    t.putArray("errors");
  }

  /** {@code KafkaMirrorData}: a mirror topic. */
  ObjectNode mirror(MirrorSnapshot m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "KafkaMirrorData");
    n.putObject("metadata").put("self", linkUrl() + "/mirrors/" + m.mirrorTopicName());
    n.put("link_name", sim.linkName());
    n.put("mirror_topic_name", m.mirrorTopicName());
    n.put("source_topic_name", m.sourceTopicName());
    n.put("num_partitions", m.numPartitions());
    lags(n, m.lags());
    n.put("mirror_status", m.state().name());
    n.put("state_time_ms", m.stateTimeMs());
    n.put("mirror_topic_error", m.state() == MirrorState.FAILED ? "ILLEGAL_STATE" : "NO_ERROR");
    n.putArray("mirror_state_transition_errors");
    return n;
  }

  /** One {@code AlterMirrorsData} entry of a promote answer. */
  ObjectNode alterMirrorsData(PromoteOutcome o) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "AlterMirrorsData");
    n.putObject("metadata").put("self", linkUrl() + "/mirrors/" + o.topic());
    n.put("mirror_topic_name", o.topic());
    if (o.errorCode() == null) {
      n.putNull("error_code");
    } else {
      n.put("error_code", o.errorCode());
    }
    n.put("error_message", o.errorMessage());
    lags(n, o.lags());
    return n;
  }

  /** {@code KafkaLinkConfigData}: one link config. */
  ObjectNode config(LinkConfigEntry e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "KafkaLinkConfigData");
    n.putObject("metadata")
        .put("self", linkUrl() + "/configs/" + e.name())
        .put(
            "resource_name",
            "crn:///kafka="
                + sim.destinationClusterId()
                + "/cluster-link="
                + sim.linkName()
                + "/config="
                + e.name());
    n.put("cluster_id", sim.destinationClusterId());
    n.put("link_name", sim.linkName());
    n.put("name", e.name());
    n.put("value", e.isSensitive() ? null : e.value());
    n.put("is_default", e.isDefault());
    n.put("is_read_only", e.isReadOnly());
    n.put("is_sensitive", e.isSensitive());
    String source = e.isDefault() ? "DEFAULT_CONFIG" : "DYNAMIC_CLUSTER_LINK_CONFIG";
    n.put("source", source);
    ArrayNode synonyms = n.putArray("synonyms");
    if (!e.isDefault()) {
      synonyms.addObject().put("name", e.name()).put("value", e.value()).put("source", source);
    }
    return n;
  }

  private static void lags(ObjectNode n, List<PartitionLag> lags) {
    ArrayNode a = n.putArray("mirror_lags");
    for (PartitionLag l : lags) {
      a.addObject()
          .put("partition", l.partition())
          .put("lag", l.lag())
          .put("last_source_fetch_offset", l.lastSourceFetchOffset());
    }
  }
}
