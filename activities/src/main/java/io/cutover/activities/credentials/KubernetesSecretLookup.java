package io.cutover.activities.credentials;

import io.cutover.workflow.activity.FailureTypes;

/**
 * Reads a credentials document (the YAML of a kcp credentials file) from a Kubernetes Secret, for
 * {@code {kubernetesSecret: namespace/name}} references.
 */
@FunctionalInterface
public interface KubernetesSecretLookup {

  /** The data key a Secret holds the document under. */
  String DATA_KEY = "credentials.yaml";

  /**
   * The document held by Secret {@code namespace/name}.
   *
   * @throws CredentialException when the Secret or its key is missing or cannot be read
   */
  String credentialsDocument(String namespace, String name);

  /** The lookup of a worker that has no Kubernetes access configured for credentials. */
  static KubernetesSecretLookup notConfigured() {
    return (namespace, name) -> {
      throw new CredentialException(
          "credentials in Kubernetes Secret "
              + namespace
              + "/"
              + name
              + " cannot be"
              + " read: Kubernetes Secret credentials are not configured on this worker; configure the worker's"
              + " Kubernetes access for credentials, or name a file or an environment variable in the manifest",
          FailureTypes.UNSUPPORTED);
    };
  }
}
