package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.model.CredentialLook;
import io.cutover.workflow.model.PlanSecrecy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape rules of kcp's credential documents, shared by the manifest parser (inline blocks and
 * referenced files, at parse time) and the worker's resolver (at use). Shape only: files named
 * inside (ca_cert, client_cert, ...) are checked by the resolver. Messages name fields, never
 * values.
 *
 * <p>A Kafka document holds exactly one of {@code iam, sasl_scram, sasl_plain, mtls,
 * unauthenticated_tls, unauthenticated_plaintext}, plus optional {@code insecure_skip_tls_verify}.
 * Every method but {@code iam} is accepted for both legs (kcp #420 opened the destination to them).
 * A REST document's rules are {@link RestCredentialShapes}'. A file (not an inline block) may also
 * set its own {@code interpolate}.
 */
public final class CredentialShapes {

  /** Which connection the credentials are for: the rules differ. */
  public enum Leg {
    SOURCE,
    DESTINATION
  }

  public static final List<String> KAFKA_METHODS =
      List.of(
          "iam",
          "sasl_scram",
          "sasl_plain",
          "mtls",
          "unauthenticated_tls",
          "unauthenticated_plaintext");

  /**
   * Methods accepted for either leg: IAM cannot pass through the gateway (source), and the
   * destination is Confluent Cloud or Confluent Platform, never MSK.
   */
  public static final List<String> ACCEPTED_METHODS =
      KAFKA_METHODS.subList(1, KAFKA_METHODS.size());

  private static final Map<String, Set<String>> METHOD_KEYS =
      Map.of(
          "iam", Set.of("region"),
          "sasl_scram", Set.of("username", "password", "mechanism", "ca_cert"),
          "sasl_plain", Set.of("username", "password", "ca_cert", "tls"),
          "mtls", Set.of("client_cert", "client_key", "ca_cert"),
          "unauthenticated_tls", Set.of("ca_cert"),
          "unauthenticated_plaintext", Set.of());

  private static final String SOURCE_IAM =
      "IAM cannot be used for a cutover: the gateway cannot pass IAM (SigV4)"
          + " authentication through to the cluster. Before migrating, move these clients to"
          + " SASL/SCRAM or mTLS on the source cluster, then name that method here";
  private static final String DESTINATION_IAM =
      "IAM is not accepted for the destination: it is Confluent Cloud or Confluent Platform,"
          + " never MSK; use the method the destination accepts (sasl_plain with an API key for"
          + " Confluent Cloud)";

  private CredentialShapes() {}

  /** The authentication methods written in a Kafka document, in the order written. */
  public static List<String> kafkaMethods(JsonNode doc) {
    List<String> found = new ArrayList<>();
    if (doc != null && doc.isObject()) {
      doc.fieldNames()
          .forEachRemaining(
              k -> {
                if (KAFKA_METHODS.contains(k)) {
                  found.add(k);
                }
              });
    }
    return found;
  }

  /**
   * Every shape problem of a Kafka credentials document.
   *
   * @param path field path of the document ({@code spec.source.credentials}), or "" for a whole
   *     file
   * @param leg source or destination: IAM is refused for both, each with its own reason
   * @param fileLevel true for a file or environment document, which may set {@code interpolate}
   */
  public static List<String> kafka(JsonNode doc, String path, Leg leg, boolean fileLevel) {
    List<String> problems = new ArrayList<>();
    if (doc == null || !doc.isObject()) {
      problems.add(
          at(path)
              + "must be a mapping holding one authentication method (one of "
              + String.join(", ", ACCEPTED_METHODS)
              + "), got "
              + Section.kind(doc));
      return problems;
    }
    Section s = Section.of(doc, path, problems);
    Set<String> allowed = new LinkedHashSet<>(KAFKA_METHODS);
    allowed.add("insecure_skip_tls_verify");
    checkInterpolateKey(s, fileLevel, allowed);
    s.allowOnly(allowed, interpolateHint(fileLevel));
    s.bool("insecure_skip_tls_verify");

    List<String> methods = kafkaMethods(doc);
    if (methods.isEmpty()) {
      problems.add(
          at(path)
              + "no authentication method specified (write exactly one of "
              + String.join(", ", ACCEPTED_METHODS)
              + ")");
      return problems;
    }
    if (methods.size() > 1) {
      problems.add(
          at(path)
              + "multiple authentication methods specified ("
              + String.join(", ", methods)
              + "); only one is allowed");
      return problems;
    }
    String method = methods.get(0);
    if (method.equals("iam")) {
      problems.add(s.path("iam") + ": " + (leg == Leg.SOURCE ? SOURCE_IAM : DESTINATION_IAM));
      return problems;
    }
    checkMethodBlock(s, method, problems);
    return problems;
  }

  private static void checkMethodBlock(Section s, String method, List<String> problems) {
    JsonNode block = s.raw(method);
    boolean mayBeEmpty =
        method.equals("unauthenticated_tls") || method.equals("unauthenticated_plaintext");
    if (block == null || block.isNull()) {
      if (!mayBeEmpty) {
        problems.add(s.path(method) + ": must hold " + String.join(", ", METHOD_KEYS.get(method)));
      }
      return;
    }
    Section m = Section.of(block, s.path(method), problems);
    m.allowOnly(METHOD_KEYS.get(method), Map.of());
    switch (method) {
      case "sasl_scram" -> {
        m.requiredText("username", "");
        m.requiredText("password", "");
        String mechanism = m.text("mechanism");
        if (mechanism != null && !mechanism.equals("SHA256") && !mechanism.equals("SHA512")) {
          String hint =
              mechanism.matches("(?i)SCRAM-SHA-?(256|512)")
                  ? " (write " + mechanism.replaceAll("(?i).*?(256|512)$", "SHA$1") + ")"
                  : "";
          problems.add(
              m.path("mechanism")
                  + ": is required and must be SHA256 or SHA512 (MSK requires SHA512)"
                  + hint);
        }
        optionalPath(m, "ca_cert");
      }
      case "sasl_plain" -> {
        m.requiredText("username", "");
        m.requiredText("password", "");
        m.bool("tls");
        optionalPath(m, "ca_cert");
      }
      case "mtls" -> {
        notContent(m, "client_cert", m.requiredText("client_cert", "(a PEM certificate file)"));
        notContent(
            m, "client_key", m.requiredText("client_key", "(a PEM PKCS#8 private key file)"));
        optionalPath(m, "ca_cert");
      }
      case "unauthenticated_tls" -> optionalPath(m, "ca_cert");
      case "iam" -> m.requiredText("region", "");
      default -> {}
    }
  }

  static void checkInterpolateKey(Section s, boolean fileLevel, Set<String> allowed) {
    if (fileLevel) {
      allowed.add("interpolate");
      s.bool("interpolate");
    }
  }

  static Map<String, String> interpolateHint(boolean fileLevel) {
    return fileLevel
        ? Map.of()
        : Map.of(
            "interpolate",
            "interpolate is a file-level key and is not valid inside"
                + " an inline credentials block; set it at the top level of the manifest instead");
  }

  static void optionalPath(Section s, String key) {
    if (s.present(key)) {
      notContent(
          s,
          key,
          s.requiredText(key, "(a PEM file path); remove the key to use the system trust store"));
    }
  }

  /**
   * A path field must hold a path: a pasted PEM key (or a URL with user info) is refused here,
   * before anything could quote it as "file ... does not exist".
   */
  static void notContent(Section s, String key, String value) {
    if (value == null) {
      return;
    }
    CredentialLook.inValue(value)
        .ifPresent(what -> s.problems().add(PlanSecrecy.problem(s.path(key), what)));
    if (!value.contains("PRIVATE KEY") && value.contains("-----BEGIN ")) {
      s.problems()
          .add(
              s.path(key)
                  + ": holds PEM content, but the path of a PEM file is expected; write the"
                  + " content to a file and put that file's path here");
    }
  }

  static String at(String path) {
    return path == null || path.isEmpty() ? "" : path + ": ";
  }
}
