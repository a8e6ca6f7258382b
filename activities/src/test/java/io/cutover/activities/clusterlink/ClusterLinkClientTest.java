package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.activities.credentials.RestCredentials;
import io.cutover.workflow.activity.ClusterLinkActivities.TopicPromotion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each REST call: method, escaped path, Basic auth, JSON body, and how the answer is read. */
class ClusterLinkClientTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static MockResponse ok(String json) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(json);
  }

  @Test
  void describeLinkSendsAuthenticatedGetAndReadsStateAndTopics() throws Exception {
    server.enqueue(
        ok(
            "{\"kind\":\"KafkaLinkData\",\"link_name\":\"msk-to-cc\",\"cluster_link_id\":\"q9Zp\","
                + "\"source_cluster_id\":\"Mk8s\",\"topic_names\":[\"orders\",\"payments\"],\"link_state\":\"ACTIVE\","
                + "\"link_error\":\"NO_ERROR\",\"link_error_message\":null,"
                + "\"tasks\":[{\"task_name\":\"ConsumerOffsetSync\",\"state\":\"IN_ERROR\",\"errors\":[{\"error_code\":\"AUTHORIZATION_ERROR\",\"error_message\":\"denied\"}]}]}"));

    LinkDescription d = TestLinks.client(server).describeLink(true);

    RecordedRequest r = server.takeRequest();
    assertEquals("GET", r.getMethod());
    assertEquals("/kafka/v3/clusters/lkc-x1/links/msk-to-cc", r.getRequestUrl().encodedPath());
    assertEquals("true", r.getRequestUrl().queryParameter("include_tasks"));
    assertEquals("Basic " + TestLinks.basicToken(), r.getHeader("Authorization"));
    assertEquals("ACTIVE", d.linkState());
    assertEquals("NO_ERROR", d.linkError());
    assertEquals("", d.linkErrorMessage());
    assertEquals("q9Zp", d.clusterLinkId());
    assertEquals(List.of("orders", "payments"), d.topicNames());
    assertEquals("IN_ERROR", d.tasks().get(0).state());
    assertEquals(List.of("AUTHORIZATION_ERROR: denied"), d.tasks().get(0).errors());
    assertTrue(d.activeOrUnreported());
  }

  @Test
  void describeLinkOnCpWithoutStateCountsAsUnreported() throws Exception {
    server.enqueue(ok("{\"link_name\":\"msk-to-cc\",\"link_id\":\"old-id\",\"topic_names\":[]}"));

    LinkDescription d = TestLinks.client(server).describeLink(false);

    assertNull(server.takeRequest().getRequestUrl().queryParameter("include_tasks"));
    assertEquals("", d.linkState());
    assertEquals("old-id", d.clusterLinkId());
    assertTrue(d.activeOrUnreported());
  }

  @Test
  void clusterLinkAndTopicNamesAreEscapedAsPathSegments() throws Exception {
    server.enqueue(
        ok("{\"mirror_topic_name\":\"orders\",\"mirror_status\":\"ACTIVE\",\"mirror_lags\":[]}"));

    TestLinks.client(server, "lkc/odd", "msk to/cc?x#y").describeMirror("a/b c");

    String path = server.takeRequest().getRequestUrl().encodedPath();
    assertEquals(
        "/kafka/v3/clusters/lkc%2Fodd/links/msk%20to%2Fcc%3Fx%23y/mirrors/a%2Fb%20c", path);
  }

  @Test
  void baseUrlAddsKafkaV3OnlyWhenThePathDoesNotEndInV3() {
    assertEquals(
        "https://pkc-1.aws.confluent.cloud/kafka/v3",
        RestTransport.baseUrl("https://pkc-1.aws.confluent.cloud:443").toString());
    assertEquals(
        "https://pkc-1.aws.confluent.cloud/kafka/v3",
        RestTransport.baseUrl("https://pkc-1.aws.confluent.cloud:443/").toString());
    assertEquals(
        "http://broker:8090/kafka/v3",
        RestTransport.baseUrl("http://broker:8090/kafka/v3/").toString());
    assertEquals("http://proxy:8082/v3", RestTransport.baseUrl("http://proxy:8082/v3").toString());
    assertEquals(
        "https://gw.example/rest/kafka/v3",
        RestTransport.baseUrl("https://gw.example/rest/").toString());
  }

  @Test
  void endpointWithTrailingSlashReachesTheSamePath() throws Exception {
    server.enqueue(ok("{\"data\":[]}"));
    String endpoint = TestLinks.endpoint(server) + "/";

    ClusterLinkClient.create(
            new LinkAddress(endpoint, "lkc-x1", "msk-to-cc"), TestLinks.CREDS, TestLinks.FAST)
        .listConfigs();

    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs",
        server.takeRequest().getRequestUrl().encodedPath());
  }

  @Test
  void listMirrorsReadsStatusAndPerPartitionLag() throws Exception {
    server.enqueue(
        ok(
            "{\"kind\":\"KafkaMirrorDataList\",\"metadata\":{\"next\":null},\"data\":[{\"mirror_topic_name\":\"orders\","
                + "\"source_topic_name\":\"orders\",\"num_partitions\":2,\"mirror_lags\":[{\"partition\":0,\"lag\":0,\"last_source_fetch_offset\":981234},"
                + "{\"partition\":1,\"lag\":17,\"last_source_fetch_offset\":977001}],\"mirror_status\":\"ACTIVE\",\"state_time_ms\":1763971200000},"
                + "{\"mirror_topic_name\":\"payments\",\"mirror_status\":\"PENDING_STOPPED\",\"mirror_lags\":[],\"mirror_topic_error\":\"NO_ERROR\"}]}"));

    List<MirrorTopic> mirrors = TestLinks.client(server).listMirrors();

    RecordedRequest r = server.takeRequest();
    assertEquals("GET", r.getMethod());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/mirrors", r.getRequestUrl().encodedPath());
    assertEquals(2, mirrors.size());
    MirrorTopic orders = mirrors.get(0);
    assertEquals("ACTIVE", orders.mirrorStatus());
    assertEquals(17, orders.totalLag());
    assertEquals(new MirrorTopic.PartitionLag(1, 17, 977001), orders.lags().get(1));
    assertEquals(1763971200000L, orders.stateTimeMs());
    assertTrue(mirrors.get(1).promoted());
    assertEquals("NO_ERROR", mirrors.get(1).mirrorTopicError());
  }

  @Test
  void listMirrorsFollowsNextPageOnTheSameHostOnly() throws Exception {
    String next =
        server.url("/kafka/v3/clusters/lkc-x1/links/msk-to-cc/mirrors?page_token=p2").toString();
    server.enqueue(
        ok(
            "{\"metadata\":{\"next\":\""
                + next
                + "\"},\"data\":[{\"mirror_topic_name\":\"a\",\"mirror_status\":\"ACTIVE\"}]}"));
    server.enqueue(
        ok(
            "{\"metadata\":{\"next\":\"https://elsewhere.example/steal\"},\"data\":[{\"mirror_topic_name\":\"b\",\"mirror_status\":\"ACTIVE\"}]}"));

    List<MirrorTopic> mirrors = TestLinks.client(server).listMirrors();

    assertEquals(List.of("a", "b"), mirrors.stream().map(MirrorTopic::mirrorTopicName).toList());
    server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("p2", second.getRequestUrl().queryParameter("page_token"));
    assertEquals("Basic " + TestLinks.basicToken(), second.getHeader("Authorization"));
    assertEquals(2, server.getRequestCount(), "the other host's page is not fetched");
  }

  @Test
  void promoteSendsTopicNamesAndReturnsPerTopicErrorsInsideA200() throws Exception {
    server.enqueue(
        ok(
            "{\"kind\":\"KafkaPromoteMirror\",\"data\":[{\"mirror_topic_name\":\"orders\",\"error_code\":null,\"error_message\":null},"
                + "{\"mirror_topic_name\":\"payments\",\"error_code\":400,\"error_message\":\"lag not zero\"}]}"));

    List<TopicPromotion> result =
        TestLinks.client(server).promote(List.of("orders", "payments", "audit"));

    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/mirrors:promote",
        r.getRequestUrl().encodedPath());
    JsonNode body = mapper.readTree(r.getBody().readUtf8());
    assertEquals(
        mapper.readTree("{\"mirror_topic_names\":[\"orders\",\"payments\",\"audit\"]}"), body);
    assertEquals(new TopicPromotion("orders", true, 0, ""), result.get(0));
    assertEquals(new TopicPromotion("payments", false, 400, "lag not zero"), result.get(1));
    assertFalse(result.get(2).accepted(), "a topic missing from the answer is not accepted");
  }

  @Test
  void promoteOfNoTopicsSendsNothing() {
    assertEquals(List.of(), TestLinks.client(server).promote(List.of()));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void listConfigsReturnsNameToValueAndOmitsSensitiveOnes() throws Exception {
    server.enqueue(
        ok(
            "{\"data\":[{\"name\":\"consumer.offset.sync.enable\",\"value\":\"true\",\"is_sensitive\":false},"
                + "{\"name\":\"sasl.jaas.config\",\"value\":\"hidden\",\"is_sensitive\":true},"
                + "{\"name\":\"consumer.offset.group.filters\",\"value\":null,\"is_sensitive\":false}]}"));

    Map<String, String> configs = TestLinks.client(server).listConfigs();

    RecordedRequest r = server.takeRequest();
    assertEquals("GET", r.getMethod());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs", r.getRequestUrl().encodedPath());
    assertEquals(
        Map.of("consumer.offset.sync.enable", "true", "consumer.offset.group.filters", ""),
        configs);
  }

  @Test
  void alterConfigsSendsOneBatchPutInTheGivenOrder() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("consumer.offset.sync.ms", "5000");
    ordered.put("consumer.offset.sync.enable", "true");

    TestLinks.client(server).alterConfigs(ordered);

    RecordedRequest r = server.takeRequest();
    assertEquals("PUT", r.getMethod());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs:alter", r.getRequestUrl().encodedPath());
    assertEquals(
        mapper.readTree(
            "{\"data\":[{\"name\":\"consumer.offset.sync.ms\",\"value\":\"5000\",\"operation\":\"SET\"},"
                + "{\"name\":\"consumer.offset.sync.enable\",\"value\":\"true\",\"operation\":\"SET\"}]}"),
        mapper.readTree(r.getBody().readUtf8()));
  }

  @Test
  void alterConfigsFallsBackToOnePutPerKeyOn405AndRemembersIt() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(405));
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("consumer.offset.group.filters", "{\"groupFilters\":[]}");
    ordered.put("consumer.offset.sync.enable", "true");
    ClusterLinkClient client = TestLinks.client(server);

    client.alterConfigs(ordered);
    client.alterConfigs(Map.of("consumer.offset.sync.ms", "1000"));

    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs:alter",
        server.takeRequest().getRequestUrl().encodedPath());
    RecordedRequest first = server.takeRequest();
    assertEquals("PUT", first.getMethod());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs/consumer.offset.group.filters",
        first.getRequestUrl().encodedPath());
    assertEquals(
        mapper.readTree("{\"value\":\"{\\\"groupFilters\\\":[]}\"}"),
        mapper.readTree(first.getBody().readUtf8()));
    RecordedRequest second = server.takeRequest();
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs/consumer.offset.sync.enable",
        second.getRequestUrl().encodedPath());
    assertEquals(
        "/kafka/v3/clusters/lkc-x1/links/msk-to-cc/configs/consumer.offset.sync.ms",
        server.takeRequest().getRequestUrl().encodedPath(),
        "the second alter goes straight to per-key PUTs");
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void perKeyFallbackStopsAtTheFirstFailedKey() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(405));
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(FakeLinkServer.error(500, 500, "broker down"));
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("consumer.offset.group.filters", "x");
    ordered.put("consumer.offset.sync.ms", "1");
    ordered.put("consumer.offset.sync.enable", "true");

    ClusterLinkException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ClusterLinkException.class, () -> TestLinks.client(server).alterConfigs(ordered));

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("consumer.offset.sync.ms"), e.getMessage());
    assertEquals(3, server.getRequestCount(), "the toggle after the failed key is not written");
  }

  @Test
  void withoutAnApiKeyNoAuthorizationHeaderIsSent() throws Exception {
    server.enqueue(ok("{\"data\":[]}"));
    ClusterLinkClient client =
        ClusterLinkClient.create(
            new LinkAddress(TestLinks.endpoint(server), "lkc-x1", "msk-to-cc"),
            RestCredentials.none(),
            TestLinks.FAST);

    client.listConfigs();

    assertNull(server.takeRequest().getHeader("Authorization"));
  }
}
