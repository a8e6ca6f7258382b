package io.cutover.activities.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes;
import io.cutover.manifest.CredentialShapes.Leg;
import io.cutover.manifest.RestCredentialShapes;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a REST credentials document, or the destination's Kafka credentials it is derived from, to
 * {@link RestCredentials}. Every file it names is checked here, on the worker, so that a missing or
 * wrong file is reported with the reference and the field before any request is made.
 */
final class RestCredentialSettings {

  private RestCredentialSettings() {}

  /**
   * Whether the document behind a REST reference is the destination's Kafka credentials (the
   * manifest had no restCredentials and the plan carries the Kafka reference for both). An inline
   * reference says so by its field path. Any other is told by its content: a Kafka method other
   * than {@code mtls}. A document of {@code mtls} alone reads the same in both shapes and is taken
   * as the REST mtls form (the plan does not record whether restCredentials was written).
   */
  static boolean isDerived(CredentialRef ref, JsonNode doc) {
    if (ref.kind() == CredentialRef.Kind.MANIFEST_INLINE) {
      return !ref.location().endsWith("#" + RestCredentialShapes.FIELD);
    }
    List<String> methods = new ArrayList<>(CredentialShapes.kafkaMethods(doc));
    methods.remove(RestCredentialShapes.MTLS);
    return !methods.isEmpty();
  }

  /**
   * @param doc a REST credentials document ({@link RestCredentialShapes})
   * @param baseDir directory relative file names are resolved against; null for the current
   *     directory
   * @param label names the reference in messages
   */
  static RestCredentials explicit(JsonNode doc, boolean fileLevel, Path baseDir, String label) {
    List<String> problems = RestCredentialShapes.rest(doc, "", fileLevel);
    if (!problems.isEmpty()) {
      throw fail(label, problems);
    }
    String form = RestCredentialShapes.form(doc);
    JsonNode block = doc.path(form);
    RestCredentials.Auth auth =
        switch (form) {
          case RestCredentialShapes.API_KEY ->
              new RestCredentials.Basic(text(doc, "api_key"), text(doc, "api_secret"));
          case RestCredentialShapes.BASIC ->
              new RestCredentials.Basic(text(block, "username"), text(block, "password"));
          case RestCredentialShapes.BEARER -> new RestCredentials.Bearer(text(block, "token"));
          case RestCredentialShapes.MTLS -> clientCertificate(block, baseDir, label);
          default -> throw new IllegalStateException("unknown REST form " + form);
        };
    String ca = "";
    if (doc.has("ca_cert")) {
      ca = ca(doc, "", baseDir, label);
    } else if (block.has("ca_cert")) {
      ca = ca(block, form, baseDir, label);
    }
    return new RestCredentials(auth, ca, doc.path("insecure_skip_verify").asBoolean(false));
  }

  /**
   * The REST key derived from the destination's Kafka credentials (no restCredentials in the
   * manifest): kcp takes the sasl_plain username and password as the API key and secret, and
   * derives from no other method. The sasl_plain {@code ca_cert} is trusted for the REST endpoint
   * too, and {@code insecure_skip_tls_verify} becomes {@code insecure_skip_verify}.
   */
  static RestCredentials derived(JsonNode doc, boolean fileLevel, Path baseDir, String label) {
    String derivedLabel =
        label
            + " (derived from the destination Kafka credentials; add restCredentials to give them separately)";
    List<String> problems = CredentialShapes.kafka(doc, "", Leg.DESTINATION, fileLevel);
    if (!problems.isEmpty()) {
      throw fail(derivedLabel, problems);
    }
    String method = CredentialShapes.kafkaMethods(doc).get(0);
    Optional<String> notDerivable = RestCredentialShapes.derivationProblem(method);
    if (notDerivable.isPresent()) {
      throw new CredentialException(
          label + ": " + notDerivable.get(), FailureTypes.INVALID_REQUEST);
    }
    JsonNode plain = doc.path("sasl_plain");
    String ca = plain.has("ca_cert") ? ca(plain, "sasl_plain", baseDir, derivedLabel) : "";
    return new RestCredentials(
        new RestCredentials.Basic(text(plain, "username"), text(plain, "password")),
        ca,
        doc.path("insecure_skip_tls_verify").asBoolean(false));
  }

  private static RestCredentials.ClientCertificate clientCertificate(
      JsonNode block, Path baseDir, String label) {
    Path cert = PemFiles.resolve(block, "client_cert", "mtls", baseDir, label);
    Path key = PemFiles.resolve(block, "client_key", "mtls", baseDir, label);
    PemFiles.certificates(cert, "mtls.client_cert", label);
    // Parsed now, not only at the first request: a key the REST client cannot use is reported
    // here, with the reference, as a credentials problem.
    PemFiles.privateKey(key, "mtls.client_key", label);
    return new RestCredentials.ClientCertificate(cert.toString(), key.toString());
  }

  private static String ca(JsonNode block, String method, Path baseDir, String label) {
    String field = method.isEmpty() ? "ca_cert" : method + ".ca_cert";
    Path ca = PemFiles.resolve(block, "ca_cert", method, baseDir, label);
    PemFiles.checkCertificate(ca, field, label);
    return ca.toString();
  }

  private static String text(JsonNode block, String key) {
    return block.path(key).asText("");
  }

  private static CredentialException fail(String label, List<String> problems) {
    return new CredentialException(
        label + ": " + String.join("; ", problems), FailureTypes.INVALID_REQUEST);
  }
}
