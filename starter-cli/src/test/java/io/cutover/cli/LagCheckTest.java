package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lag-check against a REST v3 stand-in (no Temporal needed). */
class LagCheckTest {
  @TempDir Path dir;

  private static String[] run(ApplicationContext ctx, String... args) {
    CliRun r = CliRun.run(ctx, args);
    return new String[] {Integer.toString(r.exit()), r.out(), r.err()};
  }

  private Path manifest(String restEndpoint) throws Exception {
    return manifest(restEndpoint, "api_key: KEY\napi_secret: not-a-real-secret\n");
  }

  /** A manifest whose restCredentials file holds {@code restYaml}. */
  private Path manifest(String restEndpoint, String restYaml) throws Exception {
    Files.writeString(
        dir.resolve("switchover.yaml"),
        "apiVersion: platform.confluent.io/v1beta1\nkind: Gateway\n"
            + "metadata:\n  name: gw\nspec:\n  routes:\n    - name: migration-route\n      endpoint: gw:9595\n");
    Files.writeString(dir.resolve("rest.yaml"), restYaml);
    Path m = dir.resolve("m.yaml");
    Files.writeString(
        m,
        """
        apiVersion: cutover.io/v1alpha1
        kind: GatewayMigration
        metadata: {name: orders}
        spec:
          source: {type: apache-kafka, bootstrapServers: [localhost:9092], credentials: {unauthenticated_plaintext: {}}}
          target:
            type: confluent-platform
            clusterId: lkc-1
            kafka:
              bootstrapServers: [localhost:9192]
              restEndpoint: %s
              credentials: {unauthenticated_plaintext: {}}
              restCredentials: rest.yaml
          clusterLink: {name: l1}
          gateway:
            namespace: confluent
            crs: {initial: gw, switchover: switchover.yaml}
            fence: {routes: [migration-route]}
        """
            .formatted(restEndpoint));
    Files.setPosixFilePermissions(
        m, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return m;
  }

  static String mirror(String t, String status, long lag) {
    return "{\"mirror_topic_name\":\""
        + t
        + "\",\"source_topic_name\":\""
        + t
        + "\",\"num_partitions\":1,"
        + "\"mirror_lags\":[{\"partition\":0,\"lag\":"
        + lag
        + ",\"last_source_fetch_offset\":9}],"
        + "\"mirror_status\":\""
        + status
        + "\",\"state_time_ms\":1}";
  }

  @Test
  void lagCheckOncePrintsEveryMirrorWithStatusLagAndTrend() throws Exception {
    try (MockWebServer rest = new MockWebServer();
        ApplicationContext ctx = ApplicationContext.run()) {
      rest.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
              assertEquals(
                  "Basic "
                      + java.util.Base64.getEncoder()
                          .encodeToString("KEY:not-a-real-secret".getBytes(UTF_8)),
                  r.getHeader("Authorization"));
              return new MockResponse()
                  .setHeader("Content-Type", "application/json")
                  .setBody(
                      "{\"data\":["
                          + mirror("payments", "PAUSED", 0)
                          + ","
                          + mirror("orders", "ACTIVE", 1234567)
                          + "]}");
            }
          });
      String[] r =
          run(ctx, "lag-check", "-f", manifest(rest.url("/").toString()).toString(), "--once");
      assertEquals("0", r[0], r[2]);
      List<String> lines = r[1].lines().toList();
      assertTrue(lines.get(0).contains("link l1 on lkc-1"), r[1]);
      int orders = indexOf(lines, "orders");
      int payments = indexOf(lines, "payments");
      assertTrue(orders < payments, "ACTIVE topics first: " + r[1]);
      assertTrue(lines.get(orders).contains("1,234,567"), r[1]);
      assertTrue(lines.get(payments).contains("PAUSED"), r[1]);
      assertEquals("/kafka/v3/clusters/lkc-1/links/l1/mirrors", rest.takeRequest().getPath());
    }
  }

  @Test
  void lagCheckOnceFailsWithTheReasonWhenTheApiRefuses() throws Exception {
    try (MockWebServer rest = new MockWebServer();
        ApplicationContext ctx = ApplicationContext.run()) {
      rest.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setBody("{\"error_code\":40101,\"message\":\"no\"}"));
      String[] r =
          run(ctx, "lag-check", "-f", manifest(rest.url("/").toString()).toString(), "--once");
      assertEquals("1", r[0]);
      assertTrue(r[2].contains("cannot read mirror topics of link l1"), r[2]);
      assertFalse(r[2].contains("not-a-real-secret"), "the secret is never printed");
    }
  }

  private static MockResponse mirrors() {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody("{\"data\":[" + mirror("orders", "ACTIVE", 7) + "]}");
  }

  // kcp #421: lag-check dropped the bearer and mTLS forms; here it builds the same REST client as
  // the worker, from the same resolver.
  @Test
  void lagCheckSendsABearerToken() throws Exception {
    try (MockWebServer rest = new MockWebServer();
        ApplicationContext ctx = ApplicationContext.run()) {
      rest.enqueue(mirrors());
      String[] r =
          run(
              ctx,
              "lag-check",
              "-f",
              manifest(rest.url("/").toString(), "bearer:\n  token: mds-token-not-real-6b1d\n")
                  .toString(),
              "--once");
      assertEquals("0", r[0], r[2]);
      assertEquals("Bearer mds-token-not-real-6b1d", rest.takeRequest().getHeader("Authorization"));
    }
  }

  @Test
  void lagCheckPresentsTheMtlsClientCertificate() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate server =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(root).build();
    HeldCertificate client =
        new HeldCertificate.Builder().commonName("lag-check").signedBy(root).build();
    Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
    Files.writeString(dir.resolve("client.crt"), client.certificatePem());
    Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs8Pem());
    try (MockWebServer rest = new MockWebServer();
        ApplicationContext ctx = ApplicationContext.run()) {
      rest.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(server)
              .addTrustedCertificate(root.certificate())
              .build()
              .sslSocketFactory(),
          false);
      rest.requireClientAuth();
      rest.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      rest.enqueue(mirrors());
      String[] r =
          run(
              ctx,
              "lag-check",
              "-f",
              manifest(
                      "https://127.0.0.1:" + rest.getPort(),
                      "mtls:\n  client_cert: client.crt\n  client_key: client.key\nca_cert: ca.pem\n")
                  .toString(),
              "--once");
      assertEquals("0", r[0], r[2]);
      assertTrue(r[1].contains("orders"), r[1]);
      RecordedRequest req = rest.takeRequest();
      assertNull(req.getHeader("Authorization"));
      assertEquals(
          "CN=lag-check",
          ((java.security.cert.X509Certificate) req.getHandshake().peerCertificates().get(0))
              .getSubjectX500Principal()
              .getName());
    }
  }

  @Test
  void lagCheckRefusesAnUnusableClientKeyWithTheFieldAndTheFix() throws Exception {
    HeldCertificate client = new HeldCertificate.Builder().rsa2048().build();
    Files.writeString(dir.resolve("client.crt"), client.certificatePem());
    Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs1Pem());
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r =
          run(
              ctx,
              "lag-check",
              "-f",
              manifest(
                      "https://127.0.0.1:9",
                      "mtls: {client_cert: client.crt, client_key: client.key}\n")
                  .toString(),
              "--once");
      assertEquals("1", r[0]);
      assertTrue(
          r[2].contains("mtls.client_key") && r[2].contains("openssl pkcs8 -topk8 -nocrypt"), r[2]);
    }
  }

  @Test
  void sparklineScalesToTheLargestSample() {
    assertEquals("▁▄█", LagCheckCommand.LagTable.sparkline(List.of(0L, 50L, 100L)));
    assertEquals("▁▁", LagCheckCommand.LagTable.sparkline(List.of(0L, 0L)));
    assertEquals("-", LagCheckCommand.LagTable.sparkline(List.of()));
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix + " ")) {
        return i;
      }
    }
    fail("no line for " + prefix + " in " + lines);
    return -1;
  }
}
