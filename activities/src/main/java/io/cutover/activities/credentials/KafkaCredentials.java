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
    return new KafkaCredentials(
        "unauthenticated_plaintext", Map.of("security.protocol", "PLAINTEXT"));
  }

  /** Keys whose values may be secret (passwords, JAAS lines, PEM keys or certificates inline). */
  static boolean secretish(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("jaas")
        || k.contains("password")
        || k.contains("secret")
        || k.endsWith(".key")
        || k.contains("keystore.certificate")
        || k.contains("truststore.certificates");
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, secretish(k) ? "<redacted>" : v));
    return "KafkaCredentials[method=" + method + ", " + shown + "]";
  }
}
