package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.RestCredentials;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TLS trust: a PEM CA file, the system roots (which refuse a private CA), and skip-verify. */
class TlsTrustTest {
  private MockWebServer server;
  private String caPem;

  @BeforeEach
  void start() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = getClass().getResourceAsStream("/clusterlink/server.p12")) {
      ks.load(in, "test-only".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "test-only".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = new MockWebServer();
    server.useHttps(ctx.getSocketFactory(), false);
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    caPem = Path.of(getClass().getResource("/clusterlink/ca.pem").toURI()).toString();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private ClusterLinkClient client(RestCredentials creds) {
    String endpoint = "https://127.0.0.1:" + server.getPort();
    return ClusterLinkClient.create(
        new LinkAddress(endpoint, "lkc-x1", "msk-to-cc"), creds, TestLinks.FAST);
  }

  private void answerEmptyConfigs() {
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"data\":[]}"));
  }

  @Test
  void aCustomCaFileTrustsTheServerCertificate() throws Exception {
    answerEmptyConfigs();

    client(RestCredentials.basic(TestLinks.API_KEY, TestLinks.SECRET).withTrust(caPem, false))
        .listConfigs();

    assertEquals(
        "Basic " + TestLinks.basicToken(), server.takeRequest().getHeader("Authorization"));
  }

  @Test
  void systemRootsRefuseAPrivateCaAsANonRetryableTlsProblem() {
    answerEmptyConfigs();

    ClusterLinkException e =
        assertThrows(ClusterLinkException.class, () -> client(TestLinks.CREDS).listConfigs());

    assertEquals(ClusterLinkException.Kind.INVALID_REQUEST, e.kind());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("caCertPath"), e.getMessage());
  }

  @Test
  void insecureSkipVerifyAcceptsAnUntrustedCertificate() throws Exception {
    answerEmptyConfigs();

    client(RestCredentials.basic(TestLinks.API_KEY, TestLinks.SECRET).withTrust("", true))
        .listConfigs();

    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aMissingCaFileIsNamedInTheError() {
    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class,
            () ->
                client(
                    RestCredentials.basic(TestLinks.API_KEY, TestLinks.SECRET)
                        .withTrust("/nonexistent/ca.pem", false)));

    assertEquals(ClusterLinkException.Kind.INVALID_REQUEST, e.kind());
    assertTrue(e.getMessage().contains("/nonexistent/ca.pem"), e.getMessage());
  }
}
