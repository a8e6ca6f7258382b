package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST leg's forms (kcp #420) resolved on the worker: api_key, basic, bearer and mtls, each
 * with its trust options, and the REST key derived from the destination's sasl_plain only.
 */
class RestCredentialResolutionTest {

  private static final String SECRET = "rest-Secret-5e0c-never-shown";

  @TempDir Path dir;
  private Path ca;
  private final DefaultCredentialResolver resolver =
      new DefaultCredentialResolver(Map.of(), KubernetesSecretLookup.notConfigured());

  @BeforeEach
  void writeCa() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).build();
    ca = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
  }

  private CredentialRef file(String name, String yaml) throws Exception {
    return CredentialRef.file(Files.writeString(dir.resolve(name), yaml).toString());
  }

  private CredentialException refused(String name, String yaml) {
    return assertThrows(CredentialException.class, () -> resolver.rest(file(name, yaml)));
  }

  /** An RSA or EC client certificate and its PKCS#8 key, in files of {@code dir}. */
  private HeldCertificate client(boolean rsa) throws Exception {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName("cutover-rest");
    HeldCertificate held = (rsa ? b.rsa2048() : b.ecdsa256()).build();
    Files.writeString(dir.resolve("client.crt"), held.certificatePem());
    Files.writeString(dir.resolve("client.key"), held.privateKeyPkcs8Pem());
    return held;
  }

  @Test
  void apiKeyAndBasicAreBothHttpBasic() throws Exception {
    assertEquals(
        RestCredentials.basic("RK", SECRET).withTrust(ca.toString(), false),
        resolver.rest(
            file("k.yaml", "api_key: RK\napi_secret: " + SECRET + "\nca_cert: ca.pem\n")));
    assertEquals(
        RestCredentials.basic("cp-admin", SECRET),
        resolver.rest(
            file("b.yaml", "basic:\n  username: cp-admin\n  password: " + SECRET + "\n")));
  }

  @Test
  void bearerCarriesTheTokenAndTheTrustOptions() throws Exception {
    assertEquals(
        RestCredentials.bearer(SECRET).withTrust("", true),
        resolver.rest(
            file("t.yaml", "bearer:\n  token: " + SECRET + "\ninsecure_skip_verify: true\n")));
  }

  @Test
  void mtlsResolvesItsFilesAgainstTheCredentialsFileAndReadsRsaAndEcKeys() throws Exception {
    for (boolean rsa : List.of(true, false)) {
      client(rsa);
      assertEquals(
          RestCredentials.mtls(
                  dir.resolve("client.crt").toString(), dir.resolve("client.key").toString())
              .withTrust(ca.toString(), false),
          resolver.rest(
              file(
                  "m.yaml",
                  "mtls:\n  client_cert: client.crt\n  client_key: client.key\n  ca_cert: ca.pem\n")),
          rsa ? "RSA" : "EC");
    }
    assertEquals(
        ca.toString(),
        resolver
            .rest(
                file(
                    "m2.yaml",
                    "mtls: {client_cert: client.crt, client_key: client.key}\nca_cert: ca.pem\n"))
            .caCertPath(),
        "a top-level ca_cert serves the mtls form too");
  }

  @Test
  void aTraditionalRsaKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
    HeldCertificate held = client(true);
    Files.writeString(dir.resolve("client.key"), held.privateKeyPkcs1Pem());
    CredentialException e =
        refused("m.yaml", "mtls: {client_cert: client.crt, client_key: client.key}\n");
    assertEquals(FailureTypes.INVALID_REQUEST, e.failureType());
    assertTrue(
        e.getMessage().contains("mtls.client_key: file " + dir.resolve("client.key"))
            && e.getMessage().contains("traditional (PKCS#1/SEC1) key")
            && e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"),
        e.getMessage());
    String keyLine = held.privateKeyPkcs1Pem().lines().skip(1).findFirst().orElseThrow();
    assertFalse(e.getMessage().contains(keyLine), "no key material: " + e.getMessage());
  }

  @Test
  void anEncryptedOrUnreadableKeyIsRefusedNamingTheField() throws Exception {
    client(false);
    Files.writeString(
        dir.resolve("client.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkq\n-----END ENCRYPTED PRIVATE KEY-----\n");
    String doc = "mtls: {client_cert: client.crt, client_key: client.key}\n";
    assertTrue(
        refused("m.yaml", doc)
            .getMessage()
            .contains(
                "mtls.client_key: file " + dir.resolve("client.key") + " holds an encrypted key"));
    Files.writeString(
        dir.resolve("client.key"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    CredentialException junk = refused("m.yaml", doc);
    assertTrue(
        junk.getMessage()
            .contains(
                "mtls.client_key: file "
                    + dir.resolve("client.key")
                    + " holds a PKCS#8 block that is not a readable RSA or EC private key"),
        junk.getMessage());
    Files.delete(dir.resolve("client.crt"));
    CredentialException gone = refused("m.yaml", doc);
    assertEquals(FailureTypes.NOT_FOUND, gone.failureType());
    assertTrue(
        gone.getMessage().contains("mtls.client_cert: file " + dir.resolve("client.crt")),
        gone.getMessage());
  }

  @Test
  void twoFormsOrOauthAreRefusedByTheParsersRules() throws Exception {
    CredentialException two =
        refused(
            "two.yaml",
            "api_key: K\napi_secret: " + SECRET + "\nbearer: {token: " + SECRET + "}\n");
    assertEquals(FailureTypes.INVALID_REQUEST, two.failureType());
    assertTrue(
        two.getMessage().contains("multiple REST authentication forms specified (api_key, bearer)"),
        two.getMessage());
    assertFalse(two.getMessage().contains(SECRET), two.getMessage());
    assertTrue(
        refused("o.yaml", "oauth: {client_id: c}\n")
            .getMessage()
            .contains("oauth: unknown key; OAuth REST credentials are not supported"));
  }

  @Test
  void theRestKeyIsDerivedFromSaslPlainWithItsCa() throws Exception {
    assertEquals(
        RestCredentials.basic("KEY1", SECRET).withTrust(ca.toString(), true),
        resolver.rest(
            file(
                "dest.yaml",
                "sasl_plain: {username: KEY1, password: "
                    + SECRET
                    + ", ca_cert: ca.pem}\n"
                    + "insecure_skip_tls_verify: true\n")));
  }

  @Test
  void noOtherKafkaMethodDerivesARestKey() throws Exception {
    client(true);
    for (String doc :
        List.of(
            "sasl_scram: {username: u, password: " + SECRET + ", mechanism: SHA512}\n",
            "unauthenticated_tls: {}\n",
            "unauthenticated_plaintext: {}\n")) {
      CredentialException e = refused("dest.yaml", doc);
      String method = doc.substring(0, doc.indexOf(':'));
      assertEquals(FailureTypes.INVALID_REQUEST, e.failureType());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "REST credentials (file:"
                      + dir.resolve("dest.yaml")
                      + "): spec.target.kafka.restCredentials: required, because"
                      + " spec.target.kafka.credentials uses "
                      + method),
          e.getMessage());
      assertTrue(e.getMessage().contains("add restCredentials"), e.getMessage());
      assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }
  }

  @Test
  void anInlineMtlsDestinationDoesNotDeriveARestKeyEither() throws Exception {
    client(true);
    Path manifest =
        Files.writeString(
            dir.resolve("m.yaml"),
            "spec:\n  target:\n    kafka:\n      credentials:\n        mtls:\n"
                + "          client_cert: client.crt\n          client_key: client.key\n");
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () ->
                resolver.rest(
                    new CredentialRef(
                        CredentialRef.Kind.MANIFEST_INLINE,
                        manifest + "#spec.target.kafka.credentials")));
    assertTrue(
        e.getMessage()
            .contains(
                "spec.target.kafka.restCredentials: required, because spec.target.kafka.credentials"
                    + " uses mtls"),
        e.getMessage());
  }

  @Test
  void aDocumentOfMtlsAloneIsTheRestMtlsFormSoOneFileMayServeBothSlots() throws Exception {
    client(false);
    CredentialRef shared =
        file("shared.yaml", "mtls: {client_cert: client.crt, client_key: client.key}\n");
    assertEquals(RestCredentials.Kind.MTLS, resolver.rest(shared).kind());
    assertEquals(
        "SSL", resolver.kafka(shared, "destination").clientProperties().get("security.protocol"));
  }

  @Test
  void anInlineBearerBlockIsReReadFromTheManifest() {
    Path manifest =
        DefaultCredentialResolverTest.manifestFixture("kcp-destination-unauthenticated-tls.yaml");
    RestCredentials rest =
        resolver.rest(
            new CredentialRef(
                CredentialRef.Kind.MANIFEST_INLINE,
                manifest + "#spec.target.kafka.restCredentials"));
    assertEquals(new RestCredentials.Bearer("inline-rest-token-secret-4d2a"), rest.auth());
    assertEquals(
        manifest.getParent().resolve("../files/ca.pem").normalize().toString(), rest.caCertPath());
  }
}
