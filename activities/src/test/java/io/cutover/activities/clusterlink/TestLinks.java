package io.cutover.activities.clusterlink;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cutover.activities.credentials.RestCredentials;
import java.time.Duration;
import okhttp3.mockwebserver.MockWebServer;

/**
 * Shared fixtures: credentials with a recognisable secret, short timeouts, clients on a
 * MockWebServer.
 */
final class TestLinks {
  static final String API_KEY = "ABCDKEY123";
  static final String SECRET = "s3cr3t-Very-Private-Value";
  static final RestCredentials CREDS = RestCredentials.basic(API_KEY, SECRET);
  static final ClusterLinkOptions FAST =
      new ClusterLinkOptions(
          Duration.ofSeconds(2),
          Duration.ofMillis(700),
          Duration.ofMillis(10),
          Duration.ofMillis(10));

  private TestLinks() {}

  static String endpoint(MockWebServer server) {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  static ClusterLinkClient client(MockWebServer server) {
    return client(server, FakeLinkServer.CLUSTER, FakeLinkServer.LINK);
  }

  static ClusterLinkClient client(MockWebServer server, String cluster, String link) {
    return ClusterLinkClient.create(new LinkAddress(endpoint(server), cluster, link), CREDS, FAST);
  }

  /** Base64 of {@code key:secret}, as it would appear in the Authorization header. */
  static String basicToken() {
    return java.util.Base64.getEncoder().encodeToString((API_KEY + ":" + SECRET).getBytes(UTF_8));
  }
}
