package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.clusterlink.ClusterLinkException.Kind;
import io.cutover.workflow.activity.FailureTypes;
import java.io.IOException;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * How each HTTP and I/O failure maps: kind, retryable, status, a message naming the fix, no secret.
 */
class ClusterLinkErrorsTest {
  private MockWebServer server;
  private ClusterLinkClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = TestLinks.client(server);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static ClusterLinkException fails(Executable call) {
    ClusterLinkException e = assertThrows(ClusterLinkException.class, call);
    assertNoSecret(e.getMessage());
    return e;
  }

  static void assertNoSecret(String text) {
    assertFalse(text.contains(TestLinks.SECRET), "secret leaked: " + text);
    assertFalse(text.contains(TestLinks.basicToken()), "auth header leaked: " + text);
  }

  @Test
  void unauthorized401IsNotRetryableAndNamesTheKeyToFix() {
    server.enqueue(FakeLinkServer.error(401, 40101, "Kafka authentication failed"));

    ClusterLinkException e = fails(() -> client.describeLink(false));

    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertEquals(FailureTypes.UNAUTHORIZED, e.failureType());
    assertEquals(401, e.httpStatus());
    assertFalse(e.retryable());
    assertTrue(
        e.getMessage()
            .contains(
                "verify the destination REST API key and secret; the key must be a resource-scoped key for cluster lkc-x1"),
        e.getMessage());
    assertTrue(e.getMessage().contains("error_code 40101"), e.getMessage());
  }

  @Test
  void forbidden403IsNotRetryable() {
    server.enqueue(FakeLinkServer.error(403, 40301, "not authorized"));

    ClusterLinkException e = fails(() -> client.listConfigs());

    assertEquals(Kind.UNAUTHORIZED, e.kind());
    assertEquals(403, e.httpStatus());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("resource-scoped key for cluster lkc-x1"), e.getMessage());
  }

  @Test
  void notFound404OnALinkCallNamesTheLinkAndCluster() {
    server.enqueue(FakeLinkServer.error(404, 404, "Cluster link not found"));

    ClusterLinkException e = fails(() -> client.listMirrors());

    assertEquals(Kind.NOT_FOUND, e.kind());
    assertFalse(e.retryable());
    assertTrue(
        e.getMessage().contains("cluster link \"msk-to-cc\" on cluster lkc-x1 was not found"),
        e.getMessage());
    assertTrue(e.getMessage().contains("check linkName and clusterId"), e.getMessage());
  }

  @Test
  void notFound404OnAMirrorNamesTheMirrorTopic() {
    server.enqueue(FakeLinkServer.error(404, 404, "not found"));

    ClusterLinkException e = fails(() -> client.describeMirror("orders"));

    assertEquals(Kind.NOT_FOUND, e.kind());
    assertTrue(
        e.getMessage().contains("mirror topic \"orders\" on cluster link \"msk-to-cc\""),
        e.getMessage());
  }

  @Test
  void badRequest400IsNotRetryableAndCarriesTheServerMessage() {
    server.enqueue(
        FakeLinkServer.error(400, 40002, "Invalid config value for consumer.offset.sync.ms"));

    ClusterLinkException e =
        fails(() -> client.alterConfigs(java.util.Map.of("consumer.offset.sync.ms", "x")));

    assertEquals(Kind.INVALID_REQUEST, e.kind());
    assertEquals(400, e.httpStatus());
    assertFalse(e.retryable());
    assertTrue(
        e.getMessage().contains("Invalid config value for consumer.offset.sync.ms"),
        e.getMessage());
  }

  @Test
  void rateLimited429WithAnHtmlBodyIsRetryableAndSaysRateLimited() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Content-Type", "text/html;charset=iso-8859-1")
            .setHeader("Retry-After", "3")
            .setBody(
                "<html><head><title>Error 429 Too Many Requests</title></head><body><h2>HTTP ERROR 429</h2></body></html>"));

    ClusterLinkException e = fails(() -> client.listMirrors());

    assertEquals(Kind.TRANSIENT, e.kind());
    assertEquals(429, e.httpStatus());
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("rate limited"), e.getMessage());
    assertTrue(e.getMessage().contains("Retry-After 3"), e.getMessage());
  }

  @Test
  void serverError500IsRetryable() {
    server.enqueue(FakeLinkServer.error(500, 500, "internal"));

    ClusterLinkException e = fails(() -> client.promote(java.util.List.of("orders")));

    assertEquals(Kind.TRANSIENT, e.kind());
    assertEquals(500, e.httpStatus());
    assertTrue(e.retryable());
  }

  @Test
  void retriableKafkaError50003IsRetryableAndQuotesTheCode() {
    server.enqueue(FakeLinkServer.error(503, 50003, "The coordinator is loading"));

    ClusterLinkException e = fails(() -> client.listConfigs());

    assertTrue(e.retryable());
    assertEquals(503, e.httpStatus());
    assertTrue(
        e.getMessage().contains("error_code 50003: The coordinator is loading"), e.getMessage());
  }

  @Test
  void htmlErrorPageOn502DoesNotBreakParsing() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("Content-Type", "text/html")
            .setBody("<html><body><h1>502 Bad Gateway</h1></body></html>"));

    ClusterLinkException e = fails(() -> client.listConfigs());

    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("502 Bad Gateway"), e.getMessage());
    assertFalse(e.getMessage().contains("<h1>"), e.getMessage());
  }

  @Test
  void readTimeoutIsRetryable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    ClusterLinkException e = fails(() -> client.listConfigs());

    assertEquals(Kind.TRANSIENT, e.kind());
    assertEquals(0, e.httpStatus());
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
  }

  @Test
  void connectionRefusedIsRetryable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ClusterLinkClient dead =
        ClusterLinkClient.create(
            new LinkAddress("http://127.0.0.1:" + port, "lkc-x1", "msk-to-cc"),
            TestLinks.CREDS,
            TestLinks.FAST);

    ClusterLinkException e = fails(dead::listConfigs);

    assertEquals(Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("check network reach"), e.getMessage());
  }

  @Test
  void aServerEchoingTheSecretOrHeaderIsScrubbedFromMessages() {
    server.enqueue(
        FakeLinkServer.error(
            400,
            400,
            "bad credentials " + TestLinks.SECRET + " in Basic " + TestLinks.basicToken()));
    server.enqueue(
        new MockResponse()
            .setResponseCode(200)
            .setHeader("Content-Type", "application/json")
            .setBody(
                "{\"data\":[{\"mirror_topic_name\":\"orders\",\"error_code\":400,\"error_message\":\"echo "
                    + TestLinks.SECRET
                    + "\"}]}"));

    ClusterLinkException e = fails(() -> client.listConfigs());
    String perTopic = client.promote(java.util.List.of("orders")).get(0).message();

    assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
    assertNoSecret(perTopic);
  }

  @Test
  void toStringsNeverShowTheSecret() {
    assertNoSecret(client.toString());
    assertNoSecret(TestLinks.CREDS.toString());
    assertNoSecret(client.address().toString());
  }

  @Test
  void anEndpointThatIsNotAUrlIsAnInvalidRequest() {
    ClusterLinkException e =
        fails(
            () ->
                ClusterLinkClient.create(
                    new LinkAddress("pkc-123.confluent.cloud:443", "lkc-x1", "l"),
                    TestLinks.CREDS,
                    TestLinks.FAST));

    assertEquals(Kind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("is not an http(s) URL"), e.getMessage());
  }

  @Test
  void anEmptyLinkNameIsAnInvalidRequest() {
    ClusterLinkException e = fails(() -> new LinkAddress("https://x", "lkc-x1", " "));

    assertEquals(Kind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("linkName is empty"), e.getMessage());
  }
}
