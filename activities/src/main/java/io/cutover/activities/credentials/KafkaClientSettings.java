package io.cutover.activities.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes.Leg;
import io.cutover.workflow.activity.FailureTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 *   <li>{@code sasl_plain}: SASL_SSL when {@code ca_cert} is set, {@code tls: true}, or for the
 *       destination (always TLS), else SASL_PLAINTEXT; PlainLoginModule;
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
        tls = leg == Leg.DESTINATION || block.has("ca_cert") || block.path("tls").asBoolean(false);
        p.put("security.protocol", tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put(
            "sasl.jaas.config",
            jaas("org.apache.kafka.common.security.plain.PlainLoginModule", block));
      }
      case "mtls" -> {
        tls = true;
        p.put("security.protocol", "SSL");
        Path cert = pemFile(block, "client_cert", "mtls", baseDir, label);
        Path key = pemFile(block, "client_key", "mtls", baseDir, label);
        checkCertificate(cert, "mtls.client_cert", label);
        checkPrivateKey(key, label);
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
      Path ca = pemFile(block, "ca_cert", method, baseDir, label);
      checkCertificate(ca, method + ".ca_cert", label);
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

  /** The absolute path of a PEM file named at {@code block.key}, checked to be a readable file. */
  static Path pemFile(JsonNode block, String key, String method, Path baseDir, String label) {
    String field = method + "." + key;
    String text = block.path(key).asText("").trim();
    Path file;
    try {
      Path p = Path.of(text);
      file =
          (p.isAbsolute() || baseDir == null ? p.toAbsolutePath() : baseDir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      throw new CredentialException(
          label + ": " + field + ": is not a valid file path", FailureTypes.INVALID_REQUEST);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " does not exist or cannot be read"
              + " by the worker (relative paths are resolved against the directory of the file that names them)",
          FailureTypes.NOT_FOUND);
    }
    return file;
  }

  private static void checkCertificate(Path file, String field, String label) {
    if (!read(file, field, label).contains("-----BEGIN CERTIFICATE-----")) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " holds no PEM certificate"
              + " (-----BEGIN CERTIFICATE-----)",
          FailureTypes.INVALID_REQUEST);
    }
  }

  /**
   * Kafka's PEM keystore reads unencrypted PKCS#8 keys only (there is no key password in kcp's
   * shape).
   */
  private static void checkPrivateKey(Path file, String label) {
    String field = "mtls.client_key";
    String pem = read(file, field, label);
    String fix =
        "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out client-pkcs8.key";
    if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
      return;
    }
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " holds an encrypted key, and the"
              + " credentials have no key password"
              + fix,
          FailureTypes.INVALID_REQUEST);
    }
    if (pem.matches("(?s).*-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----.*")) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " holds a traditional (PKCS#1/SEC1)"
              + " key; the Kafka client reads PKCS#8 keys only"
              + fix,
          FailureTypes.INVALID_REQUEST);
    }
    throw new CredentialException(
        label
            + ": "
            + field
            + ": file "
            + file
            + " holds no PEM private key"
            + " (-----BEGIN PRIVATE KEY-----)",
        FailureTypes.INVALID_REQUEST);
  }

  private static String read(Path file, String field, String label) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")",
          FailureTypes.INVALID_REQUEST);
    }
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
