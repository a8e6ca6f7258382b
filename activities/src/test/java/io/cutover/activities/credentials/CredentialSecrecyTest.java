package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.model.CredentialRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No resolver error and no toString of resolved credentials ever shows a secret. */
class CredentialSecrecyTest {

  private static final String PW = "Pw-7f3a-do-not-show";

  @TempDir Path dir;

  private final DefaultCredentialResolver resolver =
      new DefaultCredentialResolver(
          Map.of("BROKEN_DOC", "sasl_plain:\n  password: " + PW + ": x\n"),
          KubernetesSecretLookup.notConfigured());

  private CredentialRef file(String yaml) {
    try {
      return CredentialRef.file(
          Files.writeString(Files.createTempFile(dir, "c", ".yaml"), yaml).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertHidden(String secret, Supplier<Object> call) {
    CredentialException e = assertThrows(CredentialException.class, call::get);
    assertFalse(e.getMessage().contains(secret), e.getMessage());
    assertTrue(e.getMessage().contains("credentials ("), "names the reference: " + e.getMessage());
  }

  @Test
  void shapeErrorsNameFieldsButNeverValues() throws Exception {
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file("sasl_scram: {username: u, password: " + PW + ", mechanism: MD5}\n"),
                "source"));
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file(
                    "sasl_scram: {username: u, password: "
                        + PW
                        + ", mechanism: SHA512}\n"
                        + "mtls: {client_cert: a, client_key: b}\n"),
                "source"));
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file("sasl_plain: {username: u, password: " + PW + ", pasword: " + PW + "}\n"),
                "source"));
    assertHidden(
        PW,
        () ->
            resolver.rest(
                file("api_key: k\napi_secret: " + PW + "\nbearer: {token: " + PW + "}\n")));
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file("sasl_plain: {username: u, password: " + PW + ", ca_cert: c.pem}\n"),
                "destination"));
    assertHidden(PW, () -> resolver.rest(file("bearer: {token: " + PW + ", tokn: " + PW + "}\n")));
    assertHidden(
        PW,
        () ->
            resolver.rest(
                file("basic: {username: u, password: " + PW + "}\nbearer: {token: " + PW + "}\n")));
    assertHidden(
        PW,
        () ->
            resolver.rest(
                file("sasl_scram: {username: u, password: " + PW + ", mechanism: SHA512}\n")));
  }

  @Test
  void syntaxAndDuplicateErrorsNeverQuoteTheDocument() throws Exception {
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file("sasl_plain:\n  username: u\n  password: " + PW + ": broken\n"), "source"));
    assertHidden(
        PW,
        () ->
            resolver.kafka(
                file(
                    "sasl_plain:\n  username: u\n  password: "
                        + PW
                        + "\n  password: "
                        + PW
                        + "x\n"),
                "source"));
    assertHidden(PW, () -> resolver.kafka(CredentialRef.env("BROKEN_DOC"), "source"));
  }

  @Test
  void badKeyFilesAreDescribedWithoutTheirContent() throws Exception {
    String keyBody = "MIIEpAIBAAKCAQEAsecretKeyMaterial";
    Files.writeString(
        dir.resolve("c.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    Files.writeString(
        dir.resolve("rsa.key"),
        "-----BEGIN RSA PRIVATE KEY-----\n" + keyBody + "\n-----END RSA PRIVATE KEY-----\n");
    Files.writeString(
        dir.resolve("enc.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            + keyBody
            + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
    CredentialException pkcs1 =
        assertThrows(
            CredentialException.class,
            () ->
                resolver.kafka(
                    file(
                        "mtls: {client_cert: "
                            + dir.resolve("c.crt")
                            + ", client_key: "
                            + dir.resolve("rsa.key")
                            + "}\n"),
                    "source"));
    assertTrue(pkcs1.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), pkcs1.getMessage());
    assertHidden(
        keyBody,
        () ->
            resolver.kafka(
                file(
                    "mtls: {client_cert: "
                        + dir.resolve("c.crt")
                        + ", client_key: "
                        + dir.resolve("enc.key")
                        + "}\n"),
                "source"));
  }

  @Test
  void aKeyPastedWhereItsPathBelongsIsRefusedByFieldWithoutItsContent() throws Exception {
    String keyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCpastedKeyMaterial";
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () ->
                resolver.kafka(
                    file(
                        "mtls:\n  client_cert: c.crt\n  client_key: |\n    -----BEGIN PRIVATE KEY-----\n    "
                            + keyBody
                            + "\n    -----END PRIVATE KEY-----\n"),
                    "source"));
    assertFalse(e.getMessage().contains(keyBody), e.getMessage());
    assertTrue(e.getMessage().contains("mtls.client_key: holds a PEM private key"), e.getMessage());
  }

  @Test
  void interpolationErrorsNameTheVariableNotTheOtherValues() throws Exception {
    assertHidden(
        PW,
        () ->
            new DefaultCredentialResolver(Map.of("PW", PW), KubernetesSecretLookup.notConfigured())
                .kafka(
                    file(
                        "interpolate: true\nsasl_plain:\n  username: ${MISSING_USER}\n  password: ${PW}\n"),
                    "source"));
  }

  @Test
  void toStringOfResolvedCredentialsRedactsEverySecret() throws Exception {
    TestPem.write(dir);
    String keyPem = Files.readString(dir.resolve("client.key"));
    List<Object> resolved =
        List.of(
            resolver.kafka(
                file("sasl_scram: {username: u, password: " + PW + ", mechanism: SHA512}\n"),
                "source"),
            resolver.kafka(
                file("sasl_plain: {username: u, password: " + PW + "}\n"), "destination"),
            resolver.kafka(
                file("mtls: {client_cert: client.crt, client_key: client.key}\n"), "source"),
            resolver.rest(file("api_key: k\napi_secret: " + PW + "\n")),
            resolver.rest(file("sasl_plain: {username: u, password: " + PW + "}\n")),
            resolver.rest(file("basic: {username: u, password: " + PW + "}\n")),
            resolver.rest(file("bearer: {token: " + PW + "}\n")),
            resolver.rest(file("mtls: {client_cert: client.crt, client_key: client.key}\n")));
    String keyLine = keyPem.lines().skip(1).findFirst().orElseThrow();
    for (Object creds : resolved) {
      String shown = creds.toString();
      assertFalse(shown.contains(PW), shown);
      assertFalse(shown.contains(keyLine), "no private key material: " + shown);
    }
    assertTrue(resolved.get(0).toString().contains("<redacted>"), resolved.get(0).toString());
    assertEquals(
        "RestCredentials[auth=Bearer[token=<redacted>], caCertPath=, insecureSkipVerify=false]",
        resolved.get(6).toString());
    assertEquals(
        "Basic[username=u, password=<redacted>]",
        ((RestCredentials) resolved.get(5)).auth().toString());
  }
}
