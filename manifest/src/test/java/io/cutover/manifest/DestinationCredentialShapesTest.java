package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes.Leg;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The destination's credential shapes since kcp #420: every Kafka method but IAM, and the four REST
 * forms (api_key, basic, bearer, mtls), exactly one at a time.
 */
class DestinationCredentialShapesTest {

  private static final String PATH = "spec.target.kafka.restCredentials";

  private static JsonNode yaml(String text) {
    StrictYaml.Document doc = StrictYaml.parse(text, "");
    assertEquals(List.of(), doc.problems());
    return doc.root();
  }

  private static List<String> rest(String text) {
    return RestCredentialShapes.rest(yaml(text), PATH, false);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sasl_plain: {username: K, password: s3cret-pw}",
        "sasl_plain: {username: K, password: s3cret-pw, ca_cert: ca.pem, tls: true}",
        "sasl_scram: {username: u, password: s3cret-pw, mechanism: SHA256}",
        "sasl_scram: {username: u, password: s3cret-pw, mechanism: SHA512, ca_cert: ca.pem}",
        "mtls: {client_cert: c.crt, client_key: c.key, ca_cert: ca.pem}",
        "unauthenticated_tls: {ca_cert: ca.pem}",
        "unauthenticated_tls: {}",
        "unauthenticated_plaintext: {}\ninsecure_skip_tls_verify: true"
      })
  void theDestinationAcceptsEveryKafkaMethodButIam(String doc) {
    assertEquals(
        List.of(),
        CredentialShapes.kafka(yaml(doc), "spec.target.kafka.credentials", Leg.DESTINATION, false));
  }

  @Test
  void iamForTheDestinationIsRefusedBecauseItIsNeverMsk() {
    List<String> problems =
        CredentialShapes.kafka(
            yaml("iam: {region: us-east-1}"),
            "spec.target.kafka.credentials",
            Leg.DESTINATION,
            false);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(
        problems
            .get(0)
            .startsWith(
                "spec.target.kafka.credentials.iam: IAM is not accepted for the destination: it is"
                    + " Confluent Cloud or Confluent Platform, never MSK"),
        problems.get(0));
    List<String> source =
        CredentialShapes.kafka(
            yaml("iam: {region: us-east-1}"), "spec.source.credentials", Leg.SOURCE, false);
    assertTrue(source.get(0).contains("the gateway cannot pass IAM"), source.toString());
  }

  @Test
  void theDestinationWithNoMethodListsEveryAcceptedOne() {
    assertEquals(
        List.of(
            "c: no authentication method specified (write exactly one of sasl_scram, sasl_plain, mtls,"
                + " unauthenticated_tls, unauthenticated_plaintext)"),
        CredentialShapes.kafka(
            yaml("insecure_skip_tls_verify: true"), "c", Leg.DESTINATION, false));
  }

  @Test
  void eachRestFormIsAcceptedAlone() {
    assertEquals(List.of(), rest("api_key: K\napi_secret: s3cret-pw\nca_cert: ca.pem"));
    assertEquals(List.of(), rest("basic: {username: admin, password: s3cret-pw}"));
    assertEquals(List.of(), rest("bearer: {token: tok-s3cret}\ninsecure_skip_verify: true"));
    assertEquals(List.of(), rest("mtls: {client_cert: c.crt, client_key: c.key, ca_cert: ca.pem}"));
    assertEquals(List.of(), rest("mtls: {client_cert: c.crt, client_key: c.key}\nca_cert: ca.pem"));
    assertEquals("bearer", RestCredentialShapes.form(yaml("bearer: {token: t}")));
    assertEquals("api_key", RestCredentialShapes.form(yaml("api_key: K\napi_secret: s")));
  }

  @Test
  void twoFormsOrNoneIsOneProblemNamingTheField() {
    assertEquals(
        List.of(
            PATH
                + ": multiple REST authentication forms specified (api_key, bearer, mtls); write exactly"
                + " one of api_key and api_secret, basic, bearer or mtls"),
        rest(
            "api_key: K\napi_secret: s3cret-pw\nbearer: {token: tok-s3cret}\n"
                + "mtls: {client_cert: c.crt, client_key: c.key}"));
    assertEquals(
        List.of(
            PATH
                + ": no REST authentication form specified; write exactly one of api_key and"
                + " api_secret, basic, bearer or mtls"),
        rest("ca_cert: ca.pem"));
    assertEquals(
        List.of(
            "multiple REST authentication forms specified (basic, bearer); write exactly one of"
                + " api_key and api_secret, basic, bearer or mtls"),
        RestCredentialShapes.rest(
            yaml("basic: {username: a, password: b}\nbearer: {token: t}"), "", true),
        "a whole file has no path of its own: the slot's path is put before it");
  }

  @Test
  void eachFormIsStrictAndComplete() {
    assertEquals(
        List.of(
            PATH + ".basic.user: unknown key; allowed here: password, username",
            PATH + ".basic.username: must not be empty"),
        rest("basic: {user: admin, password: s3cret-pw}"));
    assertEquals(
        List.of(PATH + ".bearer.token: must not be empty (an MDS bearer token)"),
        rest("bearer: {token: ''}"));
    assertEquals(List.of(PATH + ".bearer: must hold token"), rest("bearer:"));
    assertEquals(
        List.of(PATH + ".mtls.client_key: must not be empty (a PEM PKCS#8 private key file)"),
        rest("mtls: {client_cert: c.crt}"));
    assertEquals(List.of(PATH + ".api_secret: must not be empty"), rest("api_key: K"));
    assertEquals(
        List.of(
            PATH
                + ".mtls.ca_cert: ca_cert is also written at the top level; write it once (either"
                + " place names the CA that signed the REST endpoint's certificate)"),
        rest("mtls: {client_cert: c.crt, client_key: c.key, ca_cert: a.pem}\nca_cert: b.pem"));
    assertEquals(
        List.of(
            PATH
                + ".tokn: unknown key; allowed here: api_key, api_secret, basic, bearer, ca_cert, insecure_skip_verify, mtls"),
        rest("bearer: {token: t}\ntokn: x"));
  }

  @Test
  void oauthIsRefusedWithTheFormsThatAreAccepted() {
    assertEquals(
        List.of(
            PATH
                + ".oauth: unknown key; OAuth REST credentials are not supported; use one of api_key"
                + " and api_secret, basic, bearer or mtls instead"),
        rest("oauth: {client_id: c, client_secret: s3cret-pw}"));
  }

  @Test
  void pemContentInAnMtlsPathFieldIsRefusedWithoutQuotingIt() {
    List<String> problems =
        rest(
            "mtls:\n  client_cert: c.crt\n  client_key: |\n    -----BEGIN PRIVATE KEY-----\n"
                + "    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n    -----END PRIVATE KEY-----\n");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(PATH + ".mtls.client_key: "), problems.get(0));
    assertFalse(problems.get(0).contains("MIIEvQ"), problems.get(0));
  }

  @Test
  void noProblemMessageQuotesAPasswordOrToken() {
    List<String> all =
        List.of(
                "basic: {username: a, password: s3cret-pw, extra: s3cret-pw}",
                "bearer: {token: s3cret-pw, other: s3cret-pw}",
                "api_key: K\napi_secret: s3cret-pw\nbearer: {token: s3cret-pw}")
            .stream()
            .flatMap(d -> rest(d).stream())
            .toList();
    assertFalse(all.isEmpty());
    all.forEach(p -> assertFalse(p.contains("s3cret-pw"), p));
  }

  @Test
  void theRestKeyIsDerivedFromSaslPlainOnly() {
    assertEquals(Optional.empty(), RestCredentialShapes.derivationProblem("sasl_plain"));
    for (String method :
        List.of("sasl_scram", "mtls", "unauthenticated_tls", "unauthenticated_plaintext")) {
      String problem = RestCredentialShapes.derivationProblem(method).orElseThrow();
      assertTrue(
          problem.startsWith(
              PATH + ": required, because spec.target.kafka.credentials uses " + method + ": "),
          problem);
      assertTrue(problem.contains("add restCredentials"), problem);
    }
  }
}
