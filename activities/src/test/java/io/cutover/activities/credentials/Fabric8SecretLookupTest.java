package io.cutover.activities.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialRef;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials documents read from Kubernetes Secrets (fabric8 mock API server in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class Fabric8SecretLookupTest {

  static KubernetesClient client;

  private void secret(String name, Map<String, String> data) {
    Map<String, String> encoded = new java.util.HashMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace("migration")
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("migration")
                .endMetadata()
                .withData(encoded)
                .build())
        .create();
  }

  @Test
  void resolverReadsTheDocumentFromTheSecretsCredentialsYamlKey() {
    secret(
        "payments-destination",
        Map.of(
            "credentials.yaml", "sasl_plain:\n  username: K8SKEY\n  password: k8s-secret-pw-55\n"));
    DefaultCredentialResolver resolver =
        new DefaultCredentialResolver(Map.of(), new Fabric8SecretLookup(client));
    CredentialRef ref =
        new CredentialRef(CredentialRef.Kind.KUBERNETES_SECRET, "migration/payments-destination");
    KafkaCredentials creds = resolver.kafka(ref, "destination");
    assertEquals("SASL_SSL", creds.clientProperties().get("security.protocol"));
    assertTrue(creds.clientProperties().get("sasl.jaas.config").contains("username=\"K8SKEY\""));
    assertEquals(RestCredentials.basic("K8SKEY", "k8s-secret-pw-55"), resolver.rest(ref));
  }

  @Test
  void missingSecretIsNotFound() {
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () -> new Fabric8SecretLookup(client).credentialsDocument("migration", "absent"));
    assertEquals(FailureTypes.NOT_FOUND, e.failureType());
    assertTrue(
        e.getMessage().contains("Kubernetes Secret migration/absent does not exist"),
        e.getMessage());
  }

  @Test
  void secretWithoutTheKeyListsItsKeyNamesButNoValues() {
    secret("wrong-key", Map.of("password", "k8s-value-not-shown-77"));
    CredentialException e =
        assertThrows(
            CredentialException.class,
            () -> new Fabric8SecretLookup(client).credentialsDocument("migration", "wrong-key"));
    assertEquals(FailureTypes.NOT_FOUND, e.failureType());
    assertTrue(
        e.getMessage().contains("has no key credentials.yaml (keys: [password])"), e.getMessage());
    assertFalse(e.getMessage().contains("k8s-value-not-shown-77"));
  }
}
