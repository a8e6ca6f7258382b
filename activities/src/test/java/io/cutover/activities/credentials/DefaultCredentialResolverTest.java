package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each authentication method and each kind of reference, mapped to client settings. */
class DefaultCredentialResolverTest {

  private static final String SCRAM_JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"orders-app\" password=\"scram-pw-1\";";
  private static final String PLAIN_JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"KEY1\" password=\"plain-pw-2\";";

  @TempDir Path dir;
  private Path ca;

  @BeforeEach
  void writeCa() throws Exception {
    ca =
        Files.writeString(
            dir.resolve("ca.pem"),
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  }

  private DefaultCredentialResolver resolver(Map<String, String> env) {
    return new DefaultCredentialResolver(env, KubernetesSecretLookup.notConfigured());
  }

  private CredentialRef file(String name, String yaml) throws Exception {
    return CredentialRef.file(Files.writeString(dir.resolve(name), yaml).toString());
  }

  @Test
  void saslScramMapsToSaslSslWithTheScramModuleAndPemTruststore() throws Exception {
    CredentialRef ref =
        file(
            "scram.yaml",
            "sasl_scram:\n  username: orders-app\n  password: scram-pw-1\n"
                + "  mechanism: SHA512\n  ca_cert: ca.pem\n");
    KafkaCredentials creds = resolver(Map.of()).kafka(ref, "source");
    assertEquals("sasl_scram", creds.method());
    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", SCRAM_JAAS,
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", ca.toString()),
        creds.clientProperties());
  }

  @Test
  void scramSha256IsSelectedByMechanism() throws Exception {
    CredentialRef ref =
        file(
            "scram.yaml",
            "sasl_scram: {username: orders-app, password: scram-pw-1, mechanism: SHA256}\n");
    assertEquals(
        "SCRAM-SHA-256",
        resolver(Map.of()).kafka(ref, "source").clientProperties().get("sasl.mechanism"));
  }

  @Test
  void saslPlainUsesTlsOnlyWithCaOrTlsTrueForTheSourceAndAlwaysForTheDestination()
      throws Exception {
    CredentialRef bare =
        file("plain.yaml", "sasl_plain:\n  username: KEY1\n  password: plain-pw-2\n");
    CredentialRef tls =
        file(
            "plain-tls.yaml",
            "sasl_plain:\n  username: KEY1\n  password: plain-pw-2\n  tls: true\n");
    DefaultCredentialResolver r = resolver(Map.of());
    assertEquals(
        Map.of(
            "security.protocol",
            "SASL_PLAINTEXT",
            "sasl.mechanism",
            "PLAIN",
            "sasl.jaas.config",
            PLAIN_JAAS),
        r.kafka(bare, "source").clientProperties());
    assertEquals("SASL_SSL", r.kafka(tls, "source").clientProperties().get("security.protocol"));
    assertEquals(
        "SASL_SSL", r.kafka(bare, "destination").clientProperties().get("security.protocol"));
  }

  @Test
  void mtlsMapsToSslWithAPemKeystoreReadThroughAConfigProvider() throws Exception {
    TestPem.write(dir);
    CredentialRef ref =
        file(
            "mtls.yaml",
            "mtls:\n  client_cert: client.crt\n  client_key: client.key\n  ca_cert: ca.pem\n");
    Map<String, String> props = resolver(Map.of()).kafka(ref, "source").clientProperties();
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("security.protocol", "SSL");
    expected.put("config.providers", "cutoverpem");
    expected.put(
        "config.providers.cutoverpem.class",
        "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    expected.put("ssl.keystore.type", "PEM");
    expected.put("ssl.keystore.certificate.chain", "${cutoverpem:" + dir + ":client.crt}");
    expected.put("ssl.keystore.key", "${cutoverpem:" + dir + ":client.key}");
    expected.put("ssl.truststore.type", "PEM");
    expected.put("ssl.truststore.location", ca.toString());
    assertEquals(expected, props);
  }

  @Test
  void unauthenticatedTlsAndPlaintextAndInsecureSkipVerify() throws Exception {
    DefaultCredentialResolver r = resolver(Map.of());
    assertEquals(
        Map.of(
            "security.protocol",
            "SSL",
            "ssl.truststore.type",
            "PEM",
            "ssl.truststore.location",
            ca.toString()),
        r.kafka(file("tls.yaml", "unauthenticated_tls:\n  ca_cert: " + ca + "\n"), "source")
            .clientProperties());
    assertEquals(
        Map.of("security.protocol", "SSL", "ssl.endpoint.identification.algorithm", ""),
        r.kafka(
                file("tls2.yaml", "unauthenticated_tls:\ninsecure_skip_tls_verify: true\n"),
                "source")
            .clientProperties());
    assertEquals(
        Map.of("security.protocol", "PLAINTEXT"),
        r.kafka(
                file(
                    "plain.yaml",
                    "unauthenticated_plaintext: {}\ninsecure_skip_tls_verify: true\n"),
                "source")
            .clientProperties(),
        "host name checks mean nothing without TLS");
    assertEquals(KafkaCredentials.plaintext(), r.kafka(CredentialRef.none(), "source"));
  }

  @Test
  void environmentVariableHoldsTheCredentialsDocument() {
    DefaultCredentialResolver r =
        resolver(Map.of("SRC_CREDS", "sasl_plain: {username: KEY1, password: plain-pw-2}\n"));
    assertEquals(
        PLAIN_JAAS,
        r.kafka(CredentialRef.env("SRC_CREDS"), "source")
            .clientProperties()
            .get("sasl.jaas.config"));
    CredentialException e =
        assertThrows(CredentialException.class, () -> r.kafka(CredentialRef.env("NOPE"), "source"));
    assertEquals(FailureTypes.NOT_FOUND, e.failureType());
    assertTrue(
        e.getMessage()
            .startsWith(
                "source credentials (env:NOPE): environment variable NOPE is not set on this worker"),
        e.getMessage());
  }

  @Test
  void kubernetesSecretIsReadThroughTheLookupOrRefusedWhenNotConfigured() {
    CredentialRef ref = new CredentialRef(CredentialRef.Kind.KUBERNETES_SECRET, "migration/dest");
    DefaultCredentialResolver withLookup =
        new DefaultCredentialResolver(
            Map.of(),
            (ns, name) -> {
              assertEquals("migration", ns);
              assertEquals("dest", name);
              return "sasl_plain:\n  username: KEY1\n  password: plain-pw-2\n";
            });
    assertEquals(
        "SASL_SSL",
        withLookup.kafka(ref, "destination").clientProperties().get("security.protocol"));
    CredentialException e =
        assertThrows(CredentialException.class, () -> resolver(Map.of()).kafka(ref, "destination"));
    assertEquals(FailureTypes.UNSUPPORTED, e.failureType());
    assertTrue(e.getMessage().contains("not configured on this worker"), e.getMessage());
  }

  @Test
  void fileMayInterpolateItsOwnValuesFromTheWorkerEnvironment() throws Exception {
    CredentialRef ref =
        file(
            "interp.yaml",
            "interpolate: true\nsasl_plain:\n  username: KEY1\n  password: ${PLAIN_PW}\n");
    assertEquals(
        PLAIN_JAAS,
        resolver(Map.of("PLAIN_PW", "plain-pw-2"))
            .kafka(ref, "source")
            .clientProperties()
            .get("sasl.jaas.config"));
  }

  @Test
  void inlineReferenceReReadsTheManifestBlock() throws Exception {
    Path manifest = manifestFixture("kcp-inline-creds.yaml");
    DefaultCredentialResolver r = resolver(Map.of());
    KafkaCredentials source =
        r.kafka(
            new CredentialRef(
                CredentialRef.Kind.MANIFEST_INLINE, manifest + "#spec.source.credentials"),
            "source");
    assertEquals("SASL_SSL", source.clientProperties().get("security.protocol"), "tls: true");
    assertEquals("", source.clientProperties().get("ssl.endpoint.identification.algorithm"));
    RestCredentials rest =
        r.rest(
            new CredentialRef(
                CredentialRef.Kind.MANIFEST_INLINE,
                manifest + "#spec.target.kafka.restCredentials"));
    assertEquals(
        RestCredentials.basic("CPRESTKEY", "inline-rest-secret-3f60").withTrust("", true), rest);
  }

  @Test
  void inlineReferenceHonoursTheManifestsInterpolateFlag() throws Exception {
    Path manifest = manifestFixture("interpolated.yaml");
    CredentialRef ref =
        new CredentialRef(
            CredentialRef.Kind.MANIFEST_INLINE, manifest + "#spec.target.kafka.credentials");
    RestCredentials derived =
        resolver(Map.of("CC_KEY", "K", "CC_SECRET", "env-dest-secret-2e77")).rest(ref);
    assertEquals(RestCredentials.basic("K", "env-dest-secret-2e77"), derived);
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () -> resolver(Map.of("CC_KEY", "K")).kafka(ref, "destination"));
    assertTrue(
        e.getMessage()
            .contains(
                "spec.target.kafka.credentials.sasl_plain.password: environment variable CC_SECRET is not set"),
        e.getMessage());
  }

  @Test
  void restCredentialsFromAnApiKeyFileOrDerivedFromTheDestinationSaslPlain() throws Exception {
    DefaultCredentialResolver r = resolver(Map.of());
    assertEquals(
        RestCredentials.basic("RK", "rest-secret-3").withTrust(ca.toString(), false),
        r.rest(file("rest.yaml", "api_key: RK\napi_secret: rest-secret-3\nca_cert: ca.pem\n")));
    assertEquals(
        RestCredentials.basic("KEY1", "plain-pw-2").withTrust("", true),
        r.rest(
            file(
                "dest.yaml",
                "sasl_plain: {username: KEY1, password: plain-pw-2}\ninsecure_skip_tls_verify: true\n")));
    assertEquals(RestCredentials.none(), r.rest(CredentialRef.none()));
  }

  @Test
  void iamForTheSourceIsRefusedAsUnsupportedWithTheMigrationAdvice() throws Exception {
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () ->
                resolver(Map.of())
                    .kafka(file("iam.yaml", "iam:\n  region: us-east-1\n"), "source"));
    assertEquals(FailureTypes.UNSUPPORTED, e.failureType());
    assertTrue(
        e.getMessage().contains("iam: IAM cannot be used for a cutover")
            && e.getMessage().contains("SASL/SCRAM or mTLS"),
        e.getMessage());
  }

  @Test
  void theDestinationTakesEveryMethodButIam() throws Exception {
    TestPem.write(dir);
    DefaultCredentialResolver r = resolver(Map.of());
    assertEquals(
        "SCRAM-SHA-512",
        r.kafka(
                file("d1.yaml", "sasl_scram: {username: u, password: p-1, mechanism: SHA512}\n"),
                "destination")
            .clientProperties()
            .get("sasl.mechanism"));
    assertEquals(
        "SSL",
        r.kafka(
                file("d2.yaml", "mtls: {client_cert: client.crt, client_key: client.key}\n"),
                "destination")
            .clientProperties()
            .get("security.protocol"));
    assertEquals(
        Map.of(
            "security.protocol",
            "SSL",
            "ssl.truststore.type",
            "PEM",
            "ssl.truststore.location",
            ca.toString()),
        r.kafka(file("d3.yaml", "unauthenticated_tls: {ca_cert: ca.pem}\n"), "destination")
            .clientProperties());
    assertEquals(
        Map.of("security.protocol", "PLAINTEXT"),
        r.kafka(
                file("d4.yaml", "unauthenticated_plaintext: {}\n"),
                "destination (Confluent Platform)")
            .clientProperties());
    CredentialException iam =
        assertThrows(
            CredentialException.class,
            () -> r.kafka(file("d5.yaml", "iam: {region: us-east-1}\n"), "destination"));
    assertEquals(FailureTypes.UNSUPPORTED, iam.failureType());
    assertTrue(
        iam.getMessage()
            .contains(
                "iam: IAM is not accepted for the destination: it is Confluent Cloud or"
                    + " Confluent Platform, never MSK"),
        iam.getMessage());
  }

  @Test
  void destinationSaslPlainIsTlsUnlessTlsFalseAndMayNameItsOwnCa() throws Exception {
    DefaultCredentialResolver r = resolver(Map.of());
    assertEquals(
        Map.of(
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "PLAIN",
            "sasl.jaas.config", PLAIN_JAAS,
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", ca.toString()),
        r.kafka(
                file(
                    "dca.yaml",
                    "sasl_plain: {username: KEY1, password: plain-pw-2, ca_cert: ca.pem}\n"),
                "destination")
            .clientProperties());
    CredentialRef off =
        file("doff.yaml", "sasl_plain: {username: KEY1, password: plain-pw-2, tls: false}\n");
    assertEquals(
        "SASL_PLAINTEXT",
        r.kafka(off, "destination (Confluent Platform)")
            .clientProperties()
            .get("security.protocol"),
        "tls: false turns kcp's TLS default off, for a Confluent Platform listener without TLS");
    assertEquals(
        "SASL_SSL",
        r.kafka(
                file("dpl.yaml", "sasl_plain: {username: KEY1, password: plain-pw-2}\n"),
                "destination (Confluent Platform)")
            .clientProperties()
            .get("security.protocol"),
        "the destination's default does not depend on its type");
  }

  @Test
  void missingFilesAreNotFoundNamingTheReferenceAndField() throws Exception {
    CredentialException gone =
        assertThrows(
            CredentialException.class,
            () ->
                resolver(Map.of())
                    .kafka(CredentialRef.file(dir.resolve("gone.yaml").toString()), "source"));
    assertEquals(FailureTypes.NOT_FOUND, gone.failureType());
    CredentialException ca =
        assertThrows(
            CredentialException.class,
            () ->
                resolver(Map.of())
                    .kafka(
                        file("s.yaml", "unauthenticated_tls:\n  ca_cert: missing-ca.pem\n"),
                        "source"));
    assertTrue(
        ca.getMessage()
            .contains("unauthenticated_tls.ca_cert: file " + dir.resolve("missing-ca.pem")),
        ca.getMessage());
  }

  /** The manifest module's fixtures: the resolver re-reads the manifests that module parses. */
  static Path manifestFixture(String name) {
    return Path.of("..", "manifest", "src", "test", "resources", "manifests", "valid", name)
        .toAbsolutePath()
        .normalize();
  }
}
