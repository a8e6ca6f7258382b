package io.cutover.activities.credentials;

import io.cutover.workflow.model.CredentialRef;

/**
 * Turns a {@link CredentialRef} from the plan into credentials, on the worker, when an activity
 * needs them. Nothing resolved here is ever returned to the workflow or logged.
 */
public interface CredentialResolver {

  /**
   * Kafka client credentials for a cluster ({@code role} is "source" or "destination", for
   * messages).
   */
  KafkaCredentials kafka(CredentialRef ref, String role);

  /**
   * Credentials for the destination's REST v3 API: an API key or Basic user, a bearer token, or a
   * client certificate, with the TLS trust to use.
   */
  RestCredentials rest(CredentialRef ref);
}
