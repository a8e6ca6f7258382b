package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes.Leg;
import io.cutover.workflow.model.CredentialRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a manifest's credentials slot into a {@link CredentialRef}, checking its shape on the way.
 * A slot is a file path (relative to the manifest's directory), an inline mapping (re-read by the
 * worker from the manifest: the plan carries {@code <manifest>#<field path>}), or, under the
 * cutover apiVersion, {@code {env: VAR}} or {@code {kubernetesSecret: namespace/name}}. No secret
 * value leaves this class.
 */
final class CredentialSlots {

  /** What the slot holds. */
  enum Slot {
    SOURCE_KAFKA,
    /** Any method but IAM (kcp #420), for either destination type. */
    DESTINATION_KAFKA,
    /**
     * A Confluent Platform destination (cutover apiVersion): since kcp #420 the same rules as
     * {@link #DESTINATION_KAFKA}; kept so that the spec reader's slot choice stays as it is.
     */
    PLATFORM_DESTINATION_KAFKA,
    REST
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private final Path manifest;
  private final boolean cutoverApi;
  private final boolean checkFiles;
  private final List<String> problems;
  private final List<String> warnings;
  // The Kafka method of each slot whose document was read and found well-shaped (an inline
  // mapping, or a file when files are checked), by field path: what REST derivation depends on.
  private final Map<String, String> kafkaMethods = new HashMap<>();

  CredentialSlots(
      Path manifest,
      boolean cutoverApi,
      boolean checkFiles,
      List<String> problems,
      List<String> warnings) {
    this.warnings = warnings;
    this.manifest = manifest;
    this.cutoverApi = cutoverApi;
    this.checkFiles = checkFiles;
    this.problems = problems;
  }

  /**
   * The reference for the slot at {@code path}; null when it is absent (a problem unless REST,
   * which is then derived) or wrong.
   */
  CredentialRef read(JsonNode value, String path, Slot slot) {
    if (value == null || value.isNull()) {
      if (slot != Slot.REST) {
        problems.add(
            path
                + ": must not be empty (a credentials file path or an inline credentials mapping)");
      } else if (value != null) {
        problems.add(
            path
                + ": present but empty: omit it to derive REST credentials from the destination"
                + " Kafka credentials, or fill it in");
      }
      return null;
    }
    if (value.isTextual()) {
      return file(value.textValue(), path, slot);
    }
    if (!value.isObject()) {
      problems.add(
          path
              + ": must be a credentials file path or a credentials mapping, got "
              + Section.kind(value));
      return null;
    }
    if (value.has("env") || value.has("kubernetesSecret")) {
      return reference(value, path);
    }
    List<String> shape = shape(value, path, slot, false);
    problems.addAll(shape);
    if (!shape.isEmpty()) {
      return null;
    }
    rememberMethod(value, path, slot);
    return new CredentialRef(CredentialRef.Kind.MANIFEST_INLINE, manifest + "#" + path);
  }

  /**
   * With no restCredentials, the REST key is derived from the destination's Kafka credentials at
   * {@code kafkaPath}, which kcp allows for sasl_plain only. Reports any other method, when this
   * parse has read the document; a reference it cannot read here ({@code env}, {@code
   * kubernetesSecret}, an unchecked file) is checked by the worker's resolver at use.
   */
  void checkRestDerivable(String kafkaPath) {
    String method = kafkaMethods.get(kafkaPath);
    if (method != null) {
      RestCredentialShapes.derivationProblem(method).ifPresent(problems::add);
    }
  }

  private void rememberMethod(JsonNode doc, String path, Slot slot) {
    if (slot != Slot.REST && slot != Slot.SOURCE_KAFKA) {
      kafkaMethods.put(path, CredentialShapes.kafkaMethods(doc).get(0));
    }
  }

  private CredentialRef file(String text, String path, Slot slot) {
    if (text.isBlank()) {
      problems.add(
          path
              + (slot == Slot.REST
                  ? ": present but empty: omit it to derive REST credentials from the destination Kafka credentials, or fill it in"
                  : ": must not be empty (a credentials file path or an inline credentials mapping)"));
      return null;
    }
    Path file = ManifestFiles.resolveFile(manifest, text, null, path, warnings);
    if (file == null) {
      problems.add(path + ": is not a valid file path on this system");
      return null;
    }
    if (!checkFiles) {
      return CredentialRef.file(file.toString());
    }
    String where = path + ": file " + file;
    if (!Files.isRegularFile(file)) {
      problems.add(
          where
              + " does not exist (a relative path is looked for next to the manifest, then in the current directory)");
      return null;
    }
    String content;
    try {
      if (Files.size(file) > ManifestFiles.MAX_BYTES) {
        problems.add(
            where + " is larger than 1 MiB; a credentials file is a few lines: check the path");
        return null;
      }
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(
          where + " cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
      return null;
    }
    StrictYaml.Document doc = StrictYaml.parse(content, "");
    List<String> found = new ArrayList<>(doc.problems());
    if (doc.root() != null) {
      found.addAll(shape(doc.root(), "", slot, true));
    }
    found.forEach(p -> problems.add(where + ": " + p));
    if (!found.isEmpty()) {
      return null;
    }
    rememberMethod(doc.root(), path, slot);
    return CredentialRef.file(file.toString());
  }

  private CredentialRef reference(JsonNode value, String path) {
    String form = value.has("env") ? "env" : "kubernetesSecret";
    if (!cutoverApi) {
      problems.add(
          FieldPaths.child(path, form)
              + ": unknown key; {"
              + form
              + ": ...} credentials are a cutover"
              + " extension: set apiVersion: "
              + ManifestParser.CUTOVER_API_VERSION
              + " to use them");
      return null;
    }
    if (value.size() != 1) {
      problems.add(path + ": {" + form + ": ...} must be the only key of the credentials mapping");
      return null;
    }
    JsonNode target = value.get(form);
    String v = target != null && target.isTextual() ? target.textValue().trim() : "";
    String at = FieldPaths.child(path, form);
    if (form.equals("env")) {
      if (!ENV_NAME.matcher(v).matches()) {
        problems.add(at + ": must name an environment variable on the worker (letters, digits, _)");
        return null;
      }
      return CredentialRef.env(v);
    }
    String[] parts = v.split("/", -1);
    if (parts.length != 2
        || !DNS_LABEL.matcher(parts[0]).matches()
        || parts[1].length() > 253
        || !DNS_SUBDOMAIN.matcher(parts[1]).matches()) {
      problems.add(
          at
              + ": must be namespace/name of a Kubernetes Secret (lower-case DNS names), e.g."
              + " migration/source-credentials");
      return null;
    }
    return new CredentialRef(CredentialRef.Kind.KUBERNETES_SECRET, v);
  }

  private static List<String> shape(JsonNode doc, String path, Slot slot, boolean fileLevel) {
    return switch (slot) {
      case SOURCE_KAFKA -> CredentialShapes.kafka(doc, path, Leg.SOURCE, fileLevel);
      case DESTINATION_KAFKA -> CredentialShapes.kafka(doc, path, Leg.DESTINATION, fileLevel);
      case PLATFORM_DESTINATION_KAFKA ->
          CredentialShapes.kafka(doc, path, Leg.DESTINATION, fileLevel);
      case REST -> RestCredentialShapes.rest(doc, path, fileLevel);
    };
  }
}
