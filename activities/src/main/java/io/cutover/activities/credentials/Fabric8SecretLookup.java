package io.cutover.activities.credentials;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads credentials documents from Kubernetes Secrets with a fabric8 client: the value of data key
 * {@value KubernetesSecretLookup#DATA_KEY}. Needs RBAC {@code get} on the Secret.
 */
public final class Fabric8SecretLookup implements KubernetesSecretLookup {

  private final KubernetesClient client;

  public Fabric8SecretLookup(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String credentialsDocument(String namespace, String name) {
    String ref = "Kubernetes Secret " + namespace + "/" + name;
    Secret secret;
    try {
      secret = client.secrets().inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      String type =
          e.getCode() == 401 || e.getCode() == 403
              ? FailureTypes.UNAUTHORIZED
              : FailureTypes.INVALID_REQUEST;
      throw new CredentialException(
          ref
              + " cannot be read (HTTP "
              + e.getCode()
              + "); the worker needs RBAC"
              + " get on secrets in namespace "
              + namespace,
          type);
    }
    if (secret == null) {
      throw new CredentialException(
          ref
              + " does not exist; create it with a "
              + DATA_KEY
              + " key holding the"
              + " credentials document",
          FailureTypes.NOT_FOUND);
    }
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.containsKey(DATA_KEY)) {
      return stringData.get(DATA_KEY);
    }
    Map<String, String> data = secret.getData();
    if (data == null || !data.containsKey(DATA_KEY)) {
      // Key names are not secret; listing them helps spot a typo.
      TreeSet<String> keys = new TreeSet<>();
      if (data != null) {
        keys.addAll(data.keySet());
      }
      throw new CredentialException(
          ref
              + " has no key "
              + DATA_KEY
              + " (keys: "
              + keys
              + "); put the"
              + " credentials document under "
              + DATA_KEY,
          FailureTypes.NOT_FOUND);
    }
    try {
      return new String(Base64.getDecoder().decode(data.get(DATA_KEY)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CredentialException(
          ref + ": key " + DATA_KEY + " is not valid base64", FailureTypes.INVALID_REQUEST);
    }
  }
}
