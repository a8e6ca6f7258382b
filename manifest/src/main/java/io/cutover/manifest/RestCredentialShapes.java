package io.cutover.manifest;

import static io.cutover.manifest.CredentialShapes.at;
import static io.cutover.manifest.CredentialShapes.notContent;
import static io.cutover.manifest.CredentialShapes.optionalPath;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shape rules of a REST credentials document ({@code spec.target.kafka.restCredentials}; kcp
 * calls the same document {@code spec.clusterLink.linkCredentials}), shared by the manifest parser
 * and the worker's resolver. Messages name fields, never values.
 *
 * <p>Exactly one authentication form (kcp #420):
 *
 * <ul>
 *   <li>{@code api_key} + {@code api_secret} (top-level keys): HTTP Basic with a Confluent Cloud
 *       API key;
 *   <li>{@code basic: {username, password}}: HTTP Basic, Confluent Platform's Basic realm;
 *   <li>{@code bearer: {token}}: {@code Authorization: Bearer}, a Confluent Platform MDS (RBAC)
 *       token;
 *   <li>{@code mtls: {client_cert, client_key, ca_cert?}}: a TLS client certificate, no
 *       Authorization header.
 * </ul>
 *
 * plus optional {@code ca_cert} and {@code insecure_skip_verify}. {@code oauth} is refused.
 */
public final class RestCredentialShapes {

  /** Where the REST document is written in a manifest. */
  public static final String FIELD = "spec.target.kafka.restCredentials";

  /** Form names as {@link #form} returns them; {@code api_key} stands for api_key + api_secret. */
  public static final String API_KEY = "api_key";

  public static final String BASIC = "basic";
  public static final String BEARER = "bearer";
  public static final String MTLS = "mtls";

  private static final String FORMS_TEXT = "api_key and api_secret, basic, bearer or mtls";
  private static final Map<String, Set<String>> BLOCK_KEYS =
      Map.of(
          BASIC, Set.of("username", "password"),
          BEARER, Set.of("token"),
          MTLS, Set.of("client_cert", "client_key", "ca_cert"));

  private RestCredentialShapes() {}

  /**
   * The authentication forms written in {@code doc}, in a fixed order ({@code api_key} for either
   * of api_key and api_secret).
   */
  public static List<String> forms(JsonNode doc) {
    List<String> found = new ArrayList<>();
    if (doc == null || !doc.isObject()) {
      return found;
    }
    if (doc.has("api_key") || doc.has("api_secret")) {
      found.add(API_KEY);
    }
    for (String form : List.of(BASIC, BEARER, MTLS)) {
      if (doc.has(form)) {
        found.add(form);
      }
    }
    return found;
  }

  /** The one form of a document that passed {@link #rest}. */
  public static String form(JsonNode doc) {
    return forms(doc).get(0);
  }

  /**
   * Every shape problem of a REST credentials document.
   *
   * @param path field path of the document, or "" for a whole file
   * @param fileLevel true for a file or environment document, which may set {@code interpolate}
   */
  public static List<String> rest(JsonNode doc, String path, boolean fileLevel) {
    List<String> problems = new ArrayList<>();
    if (doc == null || !doc.isObject()) {
      problems.add(
          at(path)
              + "must be a mapping holding one REST authentication form ("
              + FORMS_TEXT
              + "), got "
              + Section.kind(doc));
      return problems;
    }
    if (doc.isEmpty()) {
      problems.add(
          at(path)
              + "present but empty: omit it to derive REST credentials from the destination's"
              + " sasl_plain Kafka credentials, or fill in one form: "
              + FORMS_TEXT);
      return problems;
    }
    Section s = Section.of(doc, path, problems);
    Set<String> allowed =
        new LinkedHashSet<>(
            List.of(
                "api_key", "api_secret", BASIC, BEARER, MTLS, "ca_cert", "insecure_skip_verify"));
    CredentialShapes.checkInterpolateKey(s, fileLevel, allowed);
    Map<String, String> hints = new HashMap<>(CredentialShapes.interpolateHint(fileLevel));
    hints.put(
        "oauth", "OAuth REST credentials are not supported; use one of " + FORMS_TEXT + " instead");
    s.allowOnly(allowed, hints);
    if (s.present("oauth")) {
      return problems;
    }
    List<String> forms = forms(doc);
    if (forms.size() != 1) {
      problems.add(
          at(path)
              + (forms.isEmpty()
                  ? "no REST authentication form specified"
                  : "multiple REST authentication forms specified ("
                      + String.join(", ", forms)
                      + ")")
              + "; write exactly one of "
              + FORMS_TEXT);
      return problems;
    }
    String form = forms.get(0);
    if (form.equals(API_KEY)) {
      s.requiredText("api_key", "");
      s.requiredText("api_secret", "");
    } else {
      checkBlock(s, form, problems);
    }
    optionalPath(s, "ca_cert");
    s.bool("insecure_skip_verify");
    return problems;
  }

  private static void checkBlock(Section s, String form, List<String> problems) {
    JsonNode block = s.raw(form);
    if (block == null || block.isNull()) {
      problems.add(
          s.path(form)
              + ": must hold "
              + String.join(", ", BLOCK_KEYS.get(form).stream().sorted().toList()));
      return;
    }
    Section b = Section.of(block, s.path(form), problems);
    b.allowOnly(BLOCK_KEYS.get(form), Map.of());
    switch (form) {
      case BASIC -> {
        b.requiredText("username", "");
        b.requiredText("password", "");
      }
      case BEARER -> b.requiredText("token", "(an MDS bearer token)");
      case MTLS -> {
        notContent(b, "client_cert", b.requiredText("client_cert", "(a PEM certificate file)"));
        notContent(
            b, "client_key", b.requiredText("client_key", "(a PEM PKCS#8 private key file)"));
        if (b.present("ca_cert") && s.present("ca_cert")) {
          problems.add(
              b.path("ca_cert")
                  + ": ca_cert is also written at the top level; write it once (either place"
                  + " names the CA that signed the REST endpoint's certificate)");
        } else {
          optionalPath(b, "ca_cert");
        }
      }
      default -> throw new IllegalArgumentException(form);
    }
  }

  /**
   * Why the REST key cannot be derived from destination Kafka credentials of {@code kafkaMethod}:
   * kcp derives it from {@code sasl_plain} (an API key and secret) only. Empty for sasl_plain.
   */
  public static Optional<String> derivationProblem(String kafkaMethod) {
    if ("sasl_plain".equals(kafkaMethod)) {
      return Optional.empty();
    }
    return Optional.of(
        FIELD
            + ": required, because spec.target.kafka.credentials uses "
            + kafkaMethod
            + ": the REST credentials are derived only from sasl_plain (its username and password"
            + " as the REST key); add restCredentials with "
            + FORMS_TEXT);
  }
}
