package io.cutover.sandbox.link;

import static io.cutover.sandbox.link.LinkTestClients.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.sandbox.kafka.KafkaClusters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST v3 API over raw HTTP: paths, JSON shapes, auth, errors and injected faults. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterLinkRestServerIT {
  private static final String KEY = "SANDBOXKEY";
  private static final String SECRET = "sandbox-secret-4242";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaClusters kafka;
  private ClusterLinkSimulator link;
  private ClusterLinkRestServer rest;
  private final HttpClient http = HttpClient.newHttpClient();
  private String linkPath;

  /** An answer: status, content type, body. */
  record Res(int status, String contentType, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaClusters.start();
    kafka.createTopics(List.of("r-orders", "r-pay", "r-done"), 2);
    link =
        ClusterLinkSimulator.start(
            kafka.sourceBootstrap(), kafka.destinationBootstrap(), "rest-link", "lkc-rest");
    for (String t : List.of("r-orders", "r-pay", "r-done")) {
      link.addMirror(t);
    }
    LinkTestClients.produce(kafka.sourceBootstrap(), "r-orders", 2, 0, 100);
    assertTrue(link.awaitZeroLag("r-orders", WAIT));
    assertTrue(link.promote("r-done").accepted());
    assertTrue(link.awaitState("r-done", MirrorState.STOPPED, WAIT));
    rest = ClusterLinkRestServer.start(link, KEY, SECRET);
    linkPath = "/kafka/v3/clusters/lkc-rest/links/rest-link";
  }

  @AfterAll
  void stop() {
    LinkTestClients.closeAll(rest, link, kafka);
  }

  @BeforeEach
  void clearFaults() {
    link.faults().clear();
  }

  private Res call(String method, String path, String body) throws Exception {
    return call(
        method,
        path,
        body,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
  }

  private Res call(String method, String path, String body, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(rest.baseUrl() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  @Test
  void baseUrlIsLoopbackWithAFreePort() {
    assertTrue(rest.baseUrl().startsWith("http://127.0.0.1:"));
    assertTrue(rest.port() > 0);
  }

  @Test
  void clustersListAndClusterAnswerTheDestinationCluster() throws Exception {
    JsonNode list = call("GET", "/kafka/v3/clusters", null).json();
    assertEquals("KafkaClusterList", list.path("kind").asText());
    assertEquals(
        rest.baseUrl() + "/kafka/v3/clusters", list.path("metadata").path("self").asText());
    assertEquals(List.of("lkc-rest"), texts(list.path("data"), "cluster_id"));

    Res one = call("GET", "/kafka/v3/clusters/lkc-rest", null);
    assertEquals(200, one.status());
    assertEquals("application/json", one.contentType());
    assertEquals("KafkaCluster", one.json().path("kind").asText());
    assertEquals("lkc-rest", one.json().path("cluster_id").asText());
  }

  @Test
  void getLinkAnswersKafkaLinkDataAndTasksOnlyWhenAsked() throws Exception {
    JsonNode l = call("GET", linkPath, null).json();
    assertEquals("KafkaLinkData", l.path("kind").asText());
    assertEquals(rest.baseUrl() + linkPath, l.path("metadata").path("self").asText());
    assertEquals("rest-link", l.path("link_name").asText());
    assertEquals(link.clusterLinkId(), l.path("cluster_link_id").asText());
    assertEquals(22, l.path("cluster_link_id").asText().length());
    assertEquals(kafka.sourceClusterId(), l.path("source_cluster_id").asText());
    assertEquals("ACTIVE", l.path("link_state").asText());
    assertEquals("NO_ERROR", l.path("link_error").asText());
    assertTrue(l.path("link_error_message").isNull());
    List<String> topicNames = new ArrayList<>();
    l.path("topic_names").forEach(t -> topicNames.add(t.asText()));
    assertTrue(
        topicNames.containsAll(List.of("r-done", "r-orders", "r-pay")), topicNames.toString());
    assertFalse(l.has("tasks"));

    JsonNode withTasks = call("GET", linkPath + "?include_tasks=true", null).json();
    assertEquals("ConsumerOffsetSync", withTasks.path("tasks").get(0).path("task_name").asText());
    assertEquals("ACTIVE", withTasks.path("tasks").get(0).path("state").asText());
    assertTrue(withTasks.path("tasks").get(0).path("errors").isArray());
  }

  @Test
  void listMirrorsAnswersKafkaMirrorDataListAndFiltersByStatus() throws Exception {
    JsonNode all = call("GET", linkPath + "/mirrors", null).json();
    assertEquals("KafkaMirrorDataList", all.path("kind").asText());
    assertTrue(all.path("metadata").has("next"));
    assertTrue(
        texts(all.path("data"), "mirror_topic_name")
            .containsAll(List.of("r-done", "r-orders", "r-pay")));
    assertEquals("KafkaMirrorData", all.path("data").get(0).path("kind").asText());

    JsonNode stopped = call("GET", linkPath + "/mirrors?mirror_status=STOPPED", null).json();
    List<String> stoppedNames = texts(stopped.path("data"), "mirror_topic_name");
    assertTrue(
        stoppedNames.contains("r-done") && !stoppedNames.contains("r-orders"),
        stoppedNames.toString());
    stopped.path("data").forEach(m -> assertEquals("STOPPED", m.path("mirror_status").asText()));
    JsonNode active =
        call("GET", "/kafka/v3/clusters/lkc-rest/links/-/mirrors?mirror_status=ACTIVE", null)
            .json();
    List<String> activeNames = texts(active.path("data"), "mirror_topic_name");
    assertTrue(
        activeNames.containsAll(List.of("r-orders", "r-pay")) && !activeNames.contains("r-done"),
        activeNames.toString());

    Res bad = call("GET", linkPath + "/mirrors?mirror_status=SLEEPING", null);
    assertEquals(400, bad.status());
    assertEquals(400, bad.json().path("error_code").asInt());
  }

  @Test
  void getMirrorAnswersLagsAndTheLastSourceFetchOffset() throws Exception {
    JsonNode m = call("GET", linkPath + "/mirrors/r-orders", null).json();
    assertEquals(
        rest.baseUrl() + linkPath + "/mirrors/r-orders", m.path("metadata").path("self").asText());
    assertEquals("rest-link", m.path("link_name").asText());
    assertEquals("r-orders", m.path("source_topic_name").asText());
    assertEquals(2, m.path("num_partitions").asInt());
    assertEquals("ACTIVE", m.path("mirror_status").asText());
    assertTrue(m.path("state_time_ms").asLong() > 0);
    assertEquals("NO_ERROR", m.path("mirror_topic_error").asText());
    JsonNode lag0 = m.path("mirror_lags").get(0);
    assertEquals(0, lag0.path("partition").asInt());
    assertEquals(0, lag0.path("lag").asLong());
    assertEquals(50, lag0.path("last_source_fetch_offset").asLong());

    Res missing = call("GET", linkPath + "/mirrors/not-mirrored", null);
    assertEquals(404, missing.status());
    assertTrue(missing.json().path("message").asText().contains("not-mirrored"));
  }

  @Test
  void promoteAnswers200WithAResultPerTopic() throws Exception {
    kafka.createTopics(List.of("r-promote"), 1);
    link.addMirror("r-promote");
    Res r =
        call(
            "POST",
            linkPath + "/mirrors:promote",
            "{\"mirror_topic_names\":[\"r-promote\",\"nope\"]}");
    assertEquals(200, r.status());
    JsonNode body = r.json();
    assertEquals("KafkaPromoteMirror", body.path("kind").asText());
    JsonNode ok = body.path("data").get(0);
    assertEquals("AlterMirrorsData", ok.path("kind").asText());
    assertEquals("r-promote", ok.path("mirror_topic_name").asText());
    assertTrue(ok.path("error_code").isNull());
    assertTrue(ok.path("error_message").isNull());
    assertTrue(ok.path("mirror_lags").isArray());
    JsonNode unknown = body.path("data").get(1);
    assertEquals(404, unknown.path("error_code").asInt());
    assertTrue(unknown.path("error_message").asText().contains("nope"));
    assertTrue(eventually(WAIT, () -> link.mirrorState("r-promote") == MirrorState.STOPPED));
  }

  @Test
  void validateOnlyPromoteLeavesTheMirrorActive() throws Exception {
    Res r =
        call(
            "POST",
            linkPath + "/mirrors:promote?validate_only=true",
            "{\"mirror_topic_names\":[\"r-pay\"]}");
    assertEquals(200, r.status());
    assertTrue(r.json().path("data").get(0).path("error_code").isNull());
    Thread.sleep(200);
    assertEquals(MirrorState.ACTIVE, link.mirrorState("r-pay"));
  }

  @Test
  void malformedOrIncompletePromoteBodiesAre400() throws Exception {
    Res broken = call("POST", linkPath + "/mirrors:promote", "{\"mirror_topic_names\":[");
    assertEquals(400, broken.status());
    assertTrue(broken.json().path("message").asText().startsWith("Malformed JSON"));
    Res empty = call("POST", linkPath + "/mirrors:promote", "{}");
    assertEquals(400, empty.status());
    assertEquals(MirrorState.ACTIVE, link.mirrorState("r-pay"));
  }

  @Test
  void configsListAndOneConfigAnswerKafkaLinkConfigData() throws Exception {
    JsonNode list = call("GET", linkPath + "/configs", null).json();
    assertEquals("KafkaLinkConfigDataList", list.path("kind").asText());
    JsonNode enable = null;
    for (JsonNode c : list.path("data")) {
      if (c.path("name").asText().equals("consumer.offset.sync.enable")) {
        enable = c;
      }
    }
    assertTrue(enable != null);
    assertEquals("KafkaLinkConfigData", enable.path("kind").asText());
    assertEquals("lkc-rest", enable.path("cluster_id").asText());
    assertEquals("rest-link", enable.path("link_name").asText());
    assertEquals("true", enable.path("value").asText());
    assertFalse(enable.path("is_default").asBoolean());
    assertFalse(enable.path("is_read_only").asBoolean());
    assertFalse(enable.path("is_sensitive").asBoolean());
    assertEquals("DYNAMIC_CLUSTER_LINK_CONFIG", enable.path("source").asText());
    assertTrue(enable.path("synonyms").isArray());

    JsonNode ms = call("GET", linkPath + "/configs/consumer.offset.sync.ms", null).json();
    assertEquals("1000", ms.path("value").asText());
    assertEquals(404, call("GET", linkPath + "/configs/no.such.config", null).status());
  }

  @Test
  void putOneConfigAnswers204AndDeleteResetsIt() throws Exception {
    Res put = call("PUT", linkPath + "/configs/acl.sync.ms", "{\"value\":\"7000\"}");
    assertEquals(204, put.status());
    assertEquals("", put.body());
    assertEquals("7000", link.configs().get("acl.sync.ms"));
    assertEquals(
        400, call("PUT", linkPath + "/configs/acl.sync.ms", "{\"value\":\"soon\"}").status());
    assertEquals(204, call("DELETE", linkPath + "/configs/acl.sync.ms", null).status());
    assertTrue(link.configEntry("acl.sync.ms").isDefault());
  }

  @Test
  void putConfigsAlterAppliesTheBatchAndPostIs405() throws Exception {
    Res post = call("POST", linkPath + "/configs:alter", "{\"data\":[]}");
    assertEquals(405, post.status());
    assertEquals(405, post.json().path("error_code").asInt());

    Res invalid =
        call(
            "PUT",
            linkPath + "/configs:alter",
            "{\"data\":[{\"name\":\"consumer.offset.sync.ms\",\"value\":\"2000\",\"operation\":\"SET\"},"
                + "{\"name\":\"consumer.offset.sync.enable\",\"value\":\"maybe\",\"operation\":\"SET\"}]}");
    assertEquals(400, invalid.status());
    assertEquals(
        "1000", link.configs().get("consumer.offset.sync.ms"), "a refused batch changes nothing");

    Res ok =
        call(
            "PUT",
            linkPath + "/configs:alter",
            "{\"data\":[{\"name\":\"consumer.offset.sync.enable\",\"value\":\"false\",\"operation\":\"SET\"}]}");
    assertEquals(204, ok.status());
    assertEquals("false", link.configs().get("consumer.offset.sync.enable"));
    assertEquals(
        "",
        link.configs().get("consumer.offset.group.filters"),
        "disabling sync cleared the filters");
    assertEquals(
        "NOT_CONFIGURED",
        call("GET", linkPath + "?include_tasks=true", null)
            .json()
            .path("tasks")
            .get(0)
            .path("state")
            .asText());

    String restore =
        "{\"data\":[{\"name\":\"consumer.offset.group.filters\",\"value\":"
            + JSON.writeValueAsString(GroupFilters.includeAllJson())
            + ",\"operation\":\"SET\"},"
            + "{\"name\":\"consumer.offset.sync.enable\",\"value\":\"true\",\"operation\":\"SET\"}]}";
    assertEquals(204, call("PUT", linkPath + "/configs:alter", restore).status());
    assertEquals(
        GroupFilters.includeAllJson(), link.configs().get("consumer.offset.group.filters"));
  }

  @Test
  void missingWrongOrRevokedCredentialsAre401With40101() throws Exception {
    String wrong =
        "Basic "
            + Base64.getEncoder().encodeToString((KEY + ":nope").getBytes(StandardCharsets.UTF_8));
    for (String auth : new String[] {null, wrong, "Bearer abc"}) {
      Res r = call("GET", linkPath, null, auth);
      assertEquals(401, r.status());
      assertEquals(40101, r.json().path("error_code").asInt());
      assertFalse(r.body().contains(SECRET));
    }
    link.faults().rejectAuthentication(true);
    assertEquals(401, call("GET", linkPath, null).status());
    link.faults().rejectAuthentication(false);
    assertEquals(200, call("GET", linkPath, null).status());
  }

  @Test
  void unknownClusterLinkOrPathIs404AndWrongMethodIs405() throws Exception {
    Res cluster = call("GET", "/kafka/v3/clusters/lkc-other/links/rest-link", null);
    assertEquals(404, cluster.status());
    assertEquals(404, cluster.json().path("error_code").asInt());
    assertTrue(cluster.json().path("message").asText().contains("lkc-other"));
    Res otherLink = call("GET", "/kafka/v3/clusters/lkc-rest/links/other-link/mirrors", null);
    assertEquals(404, otherLink.status());
    assertTrue(otherLink.json().path("message").asText().contains("other-link"));
    assertEquals(404, call("GET", "/v2/metrics", null).status());
    assertEquals(405, call("DELETE", linkPath, null).status());
    assertEquals(405, call("GET", linkPath + "/mirrors:promote", null).status());
  }

  @Test
  void injected429AnswersJettyHtmlNotJson() throws Exception {
    link.faults().failNext(1, LinkFaults.Fault.TOO_MANY_REQUESTS);
    Res r = call("GET", linkPath + "/mirrors", null);
    assertEquals(429, r.status());
    assertTrue(r.contentType().startsWith("text/html"), r.contentType());
    assertTrue(r.body().contains("<title>Error 429 Too Many Requests</title>"));
    assertEquals(
        200,
        call("GET", linkPath + "/mirrors", null).status(),
        "only the next request was limited");
    assertEquals(429, rest.requests().get(rest.requests().size() - 2).status());
  }

  @Test
  void injected5xxAnswers50003OnlyOnMatchingPaths() throws Exception {
    link.faults().failNext(2, LinkFaults.Fault.SERVER_ERROR, "mirrors:promote");
    assertEquals(200, call("GET", linkPath + "/mirrors", null).status(), "other paths pass");
    for (int i = 0; i < 2; i++) {
      Res r = call("POST", linkPath + "/mirrors:promote", "{\"mirror_topic_names\":[\"r-pay\"]}");
      assertEquals(500, r.status());
      assertEquals(50003, r.json().path("error_code").asInt());
    }
    assertEquals(MirrorState.ACTIVE, link.mirrorState("r-pay"), "a failed request changes nothing");
    link.faults().failNext(1, LinkFaults.Fault.SERVICE_UNAVAILABLE);
    assertEquals(503, call("GET", linkPath, null).status());
  }

  @Test
  void fractionAndWindowFaultsFailTheRightRequests() throws Exception {
    link.faults().failFraction(0.5, LinkFaults.Fault.SERVICE_UNAVAILABLE);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(call("GET", linkPath, null).status());
    }
    assertEquals(List.of(200, 503, 200, 503), statuses);
    link.faults().failFraction(0, LinkFaults.Fault.SERVICE_UNAVAILABLE);

    link.faults().failFor(Duration.ofMillis(300), LinkFaults.Fault.TOO_MANY_REQUESTS);
    assertEquals(429, call("GET", linkPath, null).status());
    Thread.sleep(350);
    assertEquals(200, call("GET", linkPath, null).status());
  }

  @Test
  void perTopicPromoteErrorFaultComesInsideA200() throws Exception {
    kafka.createTopics(List.of("r-flaky"), 1);
    link.addMirror("r-flaky");
    link.faults().failPromote("r-flaky", 1, 400, "Topic 'r-flaky' has non-zero lag");
    Res r = call("POST", linkPath + "/mirrors:promote", "{\"mirror_topic_names\":[\"r-flaky\"]}");
    assertEquals(200, r.status());
    JsonNode d = r.json().path("data").get(0);
    assertEquals(400, d.path("error_code").asInt());
    assertEquals("Topic 'r-flaky' has non-zero lag", d.path("error_message").asText());
    assertEquals(
        "ACTIVE",
        call("GET", linkPath + "/mirrors/r-flaky", null).json().path("mirror_status").asText());
  }

  @Test
  void stuckPendingStoppedFaultHoldsTheMirrorUntilReleased() throws Exception {
    kafka.createTopics(List.of("r-stuck"), 1);
    link.addMirror("r-stuck");
    link.faults().holdPendingStopped("r-stuck");
    assertEquals(
        200,
        call("POST", linkPath + "/mirrors:promote", "{\"mirror_topic_names\":[\"r-stuck\"]}")
            .status());
    Thread.sleep(300);
    assertEquals(
        "PENDING_STOPPED",
        call("GET", linkPath + "/mirrors/r-stuck", null).json().path("mirror_status").asText());
    Res second =
        call("POST", linkPath + "/mirrors:promote", "{\"mirror_topic_names\":[\"r-stuck\"]}");
    assertEquals(
        400,
        second.json().path("data").get(0).path("error_code").asInt(),
        "a promote in progress is not repeated");

    link.faults().releasePendingStopped("r-stuck");
    assertTrue(eventually(WAIT, () -> link.mirrorState("r-stuck") == MirrorState.STOPPED));
  }

  @Test
  void closeEndsTheServersThreadsAndToStringHidesTheSecret() throws Exception {
    ClusterLinkRestServer second = ClusterLinkRestServer.start(link, KEY, SECRET);
    String prefix = "link-rest-link-rest-" + second.port() + "-";
    HttpClient fresh = HttpClient.newHttpClient();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(second.baseUrl() + "/kafka/v3/clusters")).build();
    assertEquals(401, fresh.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
    assertFalse(second.toString().contains(SECRET));
    assertTrue(second.toString().contains(second.baseUrl()));
    assertTrue(
        Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix)));

    second.close();
    second.close();
    assertTrue(
        eventually(
            WAIT,
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith(prefix))),
        "worker threads end on close");
    assertThrows(
        java.io.IOException.class, () -> fresh.send(req, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void latencyFaultDelaysEveryRequest() throws Exception {
    link.faults().addLatency(Duration.ofMillis(250));
    long t0 = System.nanoTime();
    assertEquals(200, call("GET", linkPath, null).status());
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(250).toNanos());
  }
}
