package io.cutover.workflow.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one detector: what counts as a credential outside a credentials slot, and what does not. */
class CredentialLookTest {
  static final String S = "Sent1nel-9f2c";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + S + "@pkc-x.confluent.cloud:443",
        "https://" + S + "@pkc-x.confluent.cloud",
        "SASL_SSL://app:" + S + "@b-1.msk:9096",
        "app:" + S + "@b-1.msk:9096",
        "https://pkc-x.confluent.cloud:443?api_key=K&api_secret=" + S,
        "https://host/kubeconfig?token=" + S,
        "https://bucket.s3.amazonaws.com/k?X-Amz-Signature=" + S,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"k\" password=\""
            + S
            + "\";",
        "-Dssl.truststore.password=" + S,
        "-----BEGIN PRIVATE KEY-----\nMIIE" + S + "\n-----END PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----",
      })
  void findsCredentialsInValues(String value) {
    Optional<String> found = CredentialLook.inValue(value);
    assertTrue(found.isPresent(), value);
    assertFalse(found.get().contains(S), "describes, never quotes: " + found.get());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://pkc-x.us-east-1.aws.confluent.cloud:443",
        "http://localhost:8082/kafka/v3",
        "b-1.msk:9096",
        "[::1]:9092",
        "migration-route",
        "orders",
        "/home/alice/.kube/config",
        "~/creds/source.yaml",
        "/migrations/orders.yaml#spec.source.credentials",
        "alice@example.com",
        "lkc-abc123",
        "confluent",
        "-----BEGIN CERTIFICATE-----",
        "SASL_SSL://pkc-x.confluent.cloud:9092",
        "kind: Gateway\n",
        "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=https://idp/token"
      })
  void leavesOrdinaryValuesAlone(String value) {
    assertEquals(Optional.empty(), CredentialLook.inValue(value), value);
  }

  @Test
  void aSecretNamedKeyWithALiteralIsACredentialButReferencesAreNot() {
    assertTrue(CredentialLook.inField("password", S).isPresent());
    assertTrue(CredentialLook.inField("authToken", S).isPresent());
    assertTrue(CredentialLook.inField("api_secret", S).isPresent());
    assertTrue(CredentialLook.inField("jaasConfig", "x").isPresent());
    for (String key :
        List.of(
            "secretRef",
            "configSecretRef",
            "clientCredentialsRef",
            "secretName",
            "tokenEndpointUri",
            "secretStore",
            "name",
            "endpoint")) {
      assertFalse(CredentialLook.inField(key, "some-name").isPresent(), key);
    }
    assertFalse(
        CredentialLook.inField("password", "${SRC_PASSWORD}").isPresent(),
        "a placeholder is no value");
    assertTrue(CredentialLook.secretKey("KAFKA_SASL_PASSWORD"));
    assertFalse(CredentialLook.secretKey("GATEWAY_ROOT_LOG_LEVEL"));
  }

  @Test
  void redactRemovesEveryCredentialPartAndKeepsTheRest() {
    String text =
        "restEndpoint \"https://key:"
            + S
            + "@pkc-x:443?api_secret="
            + S
            + "\" is not valid; body"
            + " {\"password\": \""
            + S
            + "\"} -Dx.password="
            + S
            + " key -----BEGIN PRIVATE KEY-----\nAB"
            + S
            + "\n-----END PRIVATE KEY----- 'api_secret': '"
            + S
            + "'";
    String out = CredentialLook.redact(text);
    assertFalse(out.contains(S), out);
    assertTrue(out.contains("https://***@pkc-x:443"), out);
    assertTrue(out.contains("is not valid"), out);
    assertEquals("no credential here", CredentialLook.redact("no credential here"));
    for (String own :
        List.of(
            "spec.source.credentials.sasl_scram.password: must not be empty",
            "rest credentials (file:/etc/cc.yaml): api_secret: must not be empty",
            "consumer.offset.sync.enable=\"false\" on cluster link \"l1\"",
            "secretRef plain-jaas does not exist")) {
      assertEquals(own, CredentialLook.redact(own), "our own messages are left as they are");
    }
    assertFalse(CredentialLook.redact("app:" + S + "@b-1:9096").contains(S));
  }
}
