package io.cutover.activities.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.activity.FailureTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files named in credential documents ({@code ca_cert}, {@code client_cert}, {@code
 * client_key}): where they are, and whether they hold what their field says. Messages name the
 * reference ({@code label}), the field and the file, never what the file holds.
 */
public final class PemFiles {

  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private PemFiles() {}

  /**
   * The absolute path of the PEM file named at {@code block.key}, checked to be a readable file.
   *
   * @param method the block's name, for the field in messages ({@code mtls} gives {@code
   *     mtls.client_key})
   * @param baseDir directory a relative name is resolved against; null for the current directory
   */
  static Path resolve(JsonNode block, String key, String method, Path baseDir, String label) {
    String field = method.isEmpty() ? key : method + "." + key;
    String text = block.path(key).asText("").trim();
    Path file;
    try {
      Path p = Path.of(text);
      file =
          (p.isAbsolute() || baseDir == null ? p.toAbsolutePath() : baseDir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      throw invalid(label, field, "is not a valid file path");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CredentialException(
          label
              + ": "
              + field
              + ": file "
              + file
              + " does not exist or cannot be read by the worker (relative paths are resolved"
              + " against the directory of the file that names them)",
          FailureTypes.NOT_FOUND);
    }
    return file;
  }

  /** Refuses a file that holds no PEM certificate. */
  static void checkCertificate(Path file, String field, String label) {
    if (!read(file, field, label).contains("-----BEGIN CERTIFICATE-----")) {
      throw invalid(
          label, field, "file " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
  }

  /**
   * Refuses a file that holds no unencrypted PKCS#8 key: there is no key password in kcp's shape,
   * and both the Kafka client's PEM keystore and {@link #privateKey} read PKCS#8 only. A
   * traditional or encrypted key is refused with the command that converts it.
   */
  static void checkPrivateKey(Path file, String field, String label) {
    String pem = read(file, field, label);
    String fix =
        "; convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out client-pkcs8.key";
    if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
      return;
    }
    if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      throw invalid(
          label,
          field,
          "file "
              + file
              + " holds an encrypted key, and the credentials have no key password"
              + fix);
    }
    if (pem.matches("(?s).*-----BEGIN (RSA|EC|DSA) PRIVATE KEY-----.*")) {
      throw invalid(
          label,
          field,
          "file "
              + file
              + " holds a traditional (PKCS#1/SEC1) key; only PKCS#8 keys (-----BEGIN PRIVATE"
              + " KEY-----) are read"
              + fix);
    }
    throw invalid(
        label, field, "file " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
  }

  /**
   * The certificates of a PEM file, in file order (a chain: the leaf first).
   *
   * @throws CredentialException when the file holds none or cannot be parsed
   */
  public static List<X509Certificate> certificates(Path file, String field, String label) {
    checkCertificate(file, field, label);
    try {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      byte[] bytes = read(file, field, label).getBytes(StandardCharsets.US_ASCII);
      for (var c : cf.generateCertificates(new ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw invalid(
          label,
          field,
          "file "
              + file
              + " cannot be read as PEM certificates ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * The unencrypted PKCS#8 private key of a PEM file, tried as RSA, then EC.
   *
   * @throws CredentialException for any other content; the message never quotes the file
   */
  public static PrivateKey privateKey(Path file, String field, String label) {
    checkPrivateKey(file, field, label);
    Matcher m = PKCS8.matcher(read(file, field, label));
    byte[] der;
    try {
      der = m.find() ? Base64.getMimeDecoder().decode(m.group(1)) : null;
    } catch (IllegalArgumentException e) {
      der = null;
    }
    if (der != null) {
      for (String algorithm : List.of("RSA", "EC")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
          // Not this algorithm: try the next. The exception's text is not kept: it could quote
          // the key's encoding.
        }
      }
    }
    throw invalid(
        label,
        field,
        "file " + file + " holds a PKCS#8 block that is not a readable RSA or EC private key");
  }

  private static String read(Path file, String field, String label) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw invalid(
          label, field, "file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static CredentialException invalid(String label, String field, String what) {
    return new CredentialException(
        label + ": " + field + ": " + what, FailureTypes.INVALID_REQUEST);
  }
}
