package io.cutover.activities.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes.Leg;
import io.cutover.workflow.activity.FailureTypes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a checked kcp credentials document to Kafka client properties.
 *
 * <ul>
 *   <li>{@code sasl_scram}: SASL_SSL, SCRAM-SHA-256/512, ScramLoginModule;
 *   <li>{@code sasl_plain}: SASL_SSL when {@code ca_cert} is set or {@code tls: true}; without
 *       {@code tls}, SASL_SSL for the destination (kcp's default) and SASL_PLAINTEXT for the
 *       source; PlainLoginModule;
 *   <li>{@code mtls}: SSL with a PEM keystore. The certificate and key are referenced through
 *       Kafka's {@code DirectoryConfigProvider} ({@code ${cutoverpem:<dir>:<file>}}), so the
 *       private key is read by the Kafka client itself and never sits in the returned properties;
 *   <li>{@code unauthenticated_tls}: SSL; {@code unauthenticated_plaintext}: PLAINTEXT.
 * </ul>
 *
 * {@code ca_cert} becomes a PEM truststore ({@code ssl.truststore.type=PEM}, {@code
 * ssl.truststore.location}). {@code insecure_skip_tls_verify} sets {@code
 * ssl.endpoint.identification.algorithm} to "": for the Java client this only disables the host
 * name check; the certificate chain is still verified against the truststore.
 */
final class KafkaClientSettings {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaClientSettings.class);
  static final String PROVIDER = "cutoverpem";
  private static final String DIRECTORY_PROVIDER =
      "org.apache.kafka.common.config.provider.DirectoryConfigProvider";

  private KafkaClientSettings() {}

  /**
   * @param doc a document that passed {@code CredentialShapes.kafka} for {@code leg}
   * @param baseDir directory relative file names are resolved against; null for the current
   *     directory
   * @param label names the reference in messages
   */
  static KafkaCredentials map(JsonNode doc, String method, Leg leg, Path baseDir, String label) {
    JsonNode block = doc.path(method);
    Map<String, String> p = new LinkedHashMap<>();
    boolean tls;
    switch (method) {
      case "sasl_scram" -> {
        tls = true;
        p.put("security.protocol", "SASL_SSL");
        p.put(
            "sasl.mechanism",
            "SHA512".equals(block.path("mechanism").asText()) ? "SCRAM-SHA-512" : "SCRAM-SHA-256");
        p.put(
            "sasl.jaas.config",
            jaas("org.apache.kafka.common.security.scram.ScramLoginModule", block));
      }
      case "sasl_plain" -> {
        tls = block.has("ca_cert") || block.path("tls").asBoolean(defaultTls(leg));
        p.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put(
            "sasl.jaas.config",
            jaas("org.apache.kafka.common.security.plain.PlainLoginModule", block));
      }
      case "mtls" -> {
        tls = true;
        p.put("security.protocol", "SSL");
        Path cert = PemFiles.resolve(block, "client_cert", "mtls", baseDir, label);
        Path key = PemFiles.resolve(block, "client_key", "mtls", baseDir, label);
        PemFiles.checkCertificate(cert, "mtls.client_cert", label);
        PemFiles.checkPrivateKey(key, "mtls.client_key", label);
        p.put("config.providers", PROVIDER);
        p.put("config.providers." + PROVIDER + ".class", DIRECTORY_PROVIDER);
        p.put("ssl.keystore.type", "PEM");
        p.put("ssl.keystore.certificate.chain", providerReference(cert, "mtls.client_cert", label));
        p.put("ssl.keystore.key", providerReference(key, "mtls.client_key", label));
      }
      case "unauthenticated_tls" -> {
        tls = true;
        p.put("security.protocol", "SSL");
      }
      case "unauthenticated_plaintext" -> {
        tls = false;
        p.put("security.protocol", "PLAINTEXT");
      }
      default ->
          throw new CredentialException(
              label + ": authentication method " + method + " is not supported" + " here",
              FailureTypes.UNSUPPORTED);
    }
    if (block.has("ca_cert")) {
      Path ca = PemFiles.resolve(block, "ca_cert", method, baseDir, label);
      PemFiles.checkCertificate(ca, method + ".ca_cert", label);
      p.put("ssl.truststore.type", "PEM");
      p.put("ssl.truststore.location", ca.toString());
    }
    if (tls && doc.path("insecure_skip_tls_verify").asBoolean(false)) {
      LOG.warn(
          "{}: insecure_skip_tls_verify is set: the broker host name is not checked (the certificate chain"
              + " still is, for the Java client)",
          label);
      p.put("ssl.endpoint.identification.algorithm", "");
    }
    return new KafkaCredentials(method, p);
  }

  /**
   * Whether sasl_plain without {@code tls} or {@code ca_cert} uses TLS: kcp's default for the
   * destination (Confluent Cloud is reached with an API key over TLS only; {@code tls: false} is
   * for a Confluent Platform destination on SASL_PLAINTEXT), plaintext for the source.
   */
  static boolean defaultTls(Leg leg) {
    return leg == Leg.DESTINATION;
  }

  /**
   * A JAAS line with the username and password quoted and escaped (a quote in a password must not
   * end it).
   */
  static String jaas(String module, JsonNode block) {
    return module
        + " required username=\""
        + escape(block.path("username").asText())
        + "\" password=\""
        + escape(block.path("password").asText())
        + "\";";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /**
   * {@code ${cutoverpem:<dir>:<name>}}; Kafka's variable syntax cannot hold ':' or '}' in either
   * part.
   */
  private static String providerReference(Path file, String field, String label) {
    String dir = String.valueOf(file.getParent());
    String name = file.getFileName().toString();
    if ((dir + name).matches(".*[:}$].*")) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": path "
              + file
              + " contains ':', '}' or '$', which"
              + " Kafka config variables cannot address; move the file to a plain path",
          FailureTypes.INVALID_REQUEST);
    }
    return "${" + PROVIDER + ":" + dir + ":" + name + "}";
  }
}
