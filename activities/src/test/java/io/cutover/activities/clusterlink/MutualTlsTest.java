package io.cutover.activities.clusterlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activities.credentials.RestCredentials;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mtls REST form against a server that requires a client certificate: the certificate and the
 * PKCS#8 key (RSA or EC) are presented, no Authorization header is sent, a missing or untrusted
 * certificate is refused with a hint that names it, and an unreadable key is a non-retryable
 * problem before any request.
 */
class MutualTlsTest {
  @TempDir Path dir;
  private HeldCertificate root;
  private MockWebServer server;
  private Path caPem;

  @BeforeEach
  void start() throws Exception {
    root =
        new HeldCertificate.Builder().commonName("cutover test CA").certificateAuthority(0).build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder()
            .commonName("rest")
            .addSubjectAlternativeName("127.0.0.1")
            .signedBy(root)
            .build();
    HandshakeCertificates serverTls =
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCert)
            .addTrustedCertificate(root.certificate())
            .build();
    server = new MockWebServer();
    server.useHttps(serverTls.sslSocketFactory(), false);
    server.requireClientAuth();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    caPem = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  /** Writes a client certificate signed by {@code issuer} and its key; returns the credentials. */
  private RestCredentials clientCredentials(HeldCertificate.Builder b, HeldCertificate issuer)
      throws Exception {
    HeldCertificate held = b.commonName("cutover-client").signedBy(issuer).build();
    Path cert = Files.writeString(dir.resolve("client.crt"), held.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), held.privateKeyPkcs8Pem());
    return RestCredentials.mtls(cert.toString(), key.toString()).withTrust(caPem.toString(), false);
  }

  private ClusterLinkClient client(RestCredentials creds) {
    return ClusterLinkClient.create(
        new LinkAddress("https://127.0.0.1:" + server.getPort(), "lkc-x1", "msk-to-cc"),
        creds,
        TestLinks.FAST);
  }

  private void answerEmptyConfigs() {
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"data\":[]}"));
  }

  private static String clientCommonName(RecordedRequest r) {
    X509Certificate peer = (X509Certificate) r.getHandshake().peerCertificates().get(0);
    return peer.getSubjectX500Principal().getName();
  }

  @Test
  void anRsaClientCertificateIsPresentedWithoutAnAuthorizationHeader() throws Exception {
    answerEmptyConfigs();

    client(clientCredentials(new HeldCertificate.Builder().rsa2048(), root)).listConfigs();

    RecordedRequest r = server.takeRequest();
    assertNull(r.getHeader("Authorization"));
    assertEquals("CN=cutover-client", clientCommonName(r));
  }

  @Test
  void anEcClientCertificateIsPresentedToo() throws Exception {
    answerEmptyConfigs();

    client(clientCredentials(new HeldCertificate.Builder().ecdsa256(), root)).listConfigs();

    assertEquals("CN=cutover-client", clientCommonName(server.takeRequest()));
  }

  // The server refuses these during the handshake; whether the client then reads the TLS alert
  // or only a broken pipe is a race, so the tests assert the hint, not the failure kind.
  @Test
  void withoutAClientCertificateTheRequestIsRefusedWithTheMtlsHint() {
    answerEmptyConfigs();

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class,
            () ->
                client(RestCredentials.bearer("some-token").withTrust(caPem.toString(), false))
                    .listConfigs());

    assertTrue(
        e.getMessage()
            .contains("write the mtls form (client_cert, client_key) in the REST credentials"),
        e.getMessage());
    assertEquals(0, server.getRequestCount(), "no request got through");
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedNamingTheClientCertificate() throws Exception {
    HeldCertificate stranger = new HeldCertificate.Builder().certificateAuthority(0).build();
    answerEmptyConfigs();

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class,
            () -> client(clientCredentials(new HeldCertificate.Builder(), stranger)).listConfigs());

    assertTrue(
        e.getMessage()
            .contains(
                "check that the REST server accepts the client certificate (mtls.client_cert)"),
        e.getMessage());
    assertEquals(0, server.getRequestCount(), "no request got through");
  }

  @Test
  void aTraditionalKeyIsRefusedBeforeAnyRequestWithTheConversionCommand() throws Exception {
    HeldCertificate held = new HeldCertificate.Builder().rsa2048().signedBy(root).build();
    Path cert = Files.writeString(dir.resolve("client.crt"), held.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), held.privateKeyPkcs1Pem());

    ClusterLinkException e =
        assertThrows(
            ClusterLinkException.class,
            () -> client(RestCredentials.mtls(cert.toString(), key.toString())));

    assertEquals(ClusterLinkException.Kind.INVALID_REQUEST, e.kind());
    assertTrue(
        e.getMessage().startsWith("REST credentials: mtls.client_key: file " + key)
            && e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"),
        e.getMessage());
    String keyLine = held.privateKeyPkcs1Pem().lines().skip(1).findFirst().orElseThrow();
    assertFalse(e.getMessage().contains(keyLine), "no key material: " + e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
