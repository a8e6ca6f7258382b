package io.cutover.activities.credentials;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kafka client security settings (security.protocol, sasl.*, ssl.*) ready to merge into client
 * properties. {@link #toString()} shows only the method and the non-secret keys.
 *
 * @param method {@code sasl_scram}, {@code sasl_plain}, {@code mtls}, {@code unauthenticated_tls},
 *     {@code unauthenticated_plaintext}
 * @param clientProperties properties to merge into an Admin/producer/consumer config
 */
public record KafkaCredentials(String method, Map<String, String> clientProperties) {

  public KafkaCredentials {
    clientProperties = Map.copyOf(clientProperties);
  }

  public static KafkaCredentials plaintext() {
    return new KafkaCredentials("unauthenticated_plaintext", Map.of("security.protocol", "PLAINTEXT"));
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, k.contains("jaas") || k.contains("password") ? "<redacted>" : v));
    return "KafkaCredentials[method=" + method + ", " + shown + "]";
  }
}
