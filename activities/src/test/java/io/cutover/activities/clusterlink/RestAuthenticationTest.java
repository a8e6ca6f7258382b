package io.cutover.activities.clusterlink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.RestCredentials;
import java.util.Base64;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Authorization header each REST form sends (kcp #420), and the token or password never
 * appearing in an error message built from what a server answered.
 */
class RestAuthenticationTest {
  private static final String TOKEN = "eyJhbGciOi.mds-Token-7c1e";
  private static final String PASSWORD = "cp-Basic-Password-4a2b";

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

  private ClusterLinkClient client(RestCredentials creds) {
    return ClusterLinkClient.create(
        new LinkAddress(TestLinks.endpoint(server), "lkc-x1", "msk-to-cc"), creds, TestLinks.FAST);
  }

  private String authorizationSentWith(RestCredentials creds) throws Exception {
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"data\":[]}"));
    client(creds).listConfigs();
    return server.takeRequest().getHeader("Authorization");
  }

  @Test
  void basicSendsTheUserAndPasswordAsHttpBasic() throws Exception {
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString(("cp-admin:" + PASSWORD).getBytes(UTF_8)),
        authorizationSentWith(RestCredentials.basic("cp-admin", PASSWORD)));
  }

  @Test
  void bearerSendsTheTokenAsIs() throws Exception {
    assertEquals("Bearer " + TOKEN, authorizationSentWith(RestCredentials.bearer(TOKEN)));
  }

  @Test
  void noneAndMtlsSendNoAuthorizationHeader() throws Exception {
    assertNull(authorizationSentWith(RestCredentials.none()));
    assertNull(RestTransport.authorization(new RestCredentials.ClientCertificate("c", "k")));
  }

  @Test
  void aRefusedTokenIsNamedInTheFixWithoutItsValue() {
    server.enqueue(FakeLinkServer.error(401, 40101, "token " + TOKEN + " has expired"));

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class, () -> client(RestCredentials.bearer(TOKEN)).listConfigs());

    assertEquals(ClusterLinkException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("verify the destination REST bearer token"), e.getMessage());
    assertTrue(e.getMessage().contains("token <redacted> has expired"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
  }

  @Test
  void aServerEchoingTheAuthorizationHeaderOrPasswordIsScrubbed() {
    String basic = Base64.getEncoder().encodeToString(("cp-admin:" + PASSWORD).getBytes(UTF_8));
    server.enqueue(
        new MockResponse().setResponseCode(500).setBody("<html>Authorization: Basic " + basic));
    server.enqueue(
        new MockResponse()
            .setResponseCode(400)
            .setBody("bad header Authorization: Bearer " + TOKEN));
    server.enqueue(new MockResponse().setResponseCode(500).setBody("password=" + PASSWORD));

    String first =
        assertThrows(
                ClusterLinkException.class,
                () -> client(RestCredentials.basic("cp-admin", PASSWORD)).listConfigs())
            .getMessage();
    String second =
        assertThrows(
                ClusterLinkException.class,
                () -> client(RestCredentials.bearer(TOKEN)).listConfigs())
            .getMessage();
    String third =
        assertThrows(
                ClusterLinkException.class,
                () -> client(RestCredentials.basic("cp-admin", PASSWORD)).listConfigs())
            .getMessage();

    assertFalse(first.contains(basic), first);
    assertFalse(second.contains(TOKEN), second);
    assertTrue(second.contains("<redacted>"), second);
    assertFalse(third.contains(PASSWORD), third);
  }
}
