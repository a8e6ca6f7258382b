package io.cutover.activities.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.manifest.CredentialShapes;
import io.cutover.manifest.CredentialShapes.Leg;
import io.cutover.manifest.Interpolation;
import io.cutover.manifest.StrictYaml;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.CredentialRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves credential references on the worker, each time an activity needs them (nothing is
 * cached, so a rotated file or Secret is picked up by the next attempt).
 *
 * <ul>
 *   <li>FILE: a kcp credentials file (may set its own {@code interpolate: true}); names inside it
 *       (ca_cert, ...) are relative to its directory;
 *   <li>ENV: an environment variable holding the same YAML document;
 *   <li>KUBERNETES_SECRET: the document from a Secret, through a {@link KubernetesSecretLookup};
 *   <li>MANIFEST_INLINE: {@code <manifest>#<field path>}: the manifest is re-read and the block at
 *       the path taken, expanded when the manifest sets {@code interpolate: true};
 *   <li>NONE: plaintext / no REST key.
 * </ul>
 *
 * The document is checked with {@link CredentialShapes} (the parser's rules) before use. Errors
 * name the reference and the field, never a value. {@code insecure_skip_tls_verify} only disables
 * the host name check for the Java client (the certificate chain is still verified); see {@link
 * KafkaClientSettings} for every method's settings.
 */
public final class DefaultCredentialResolver implements CredentialResolver {

  private static final long MAX_BYTES = 1024 * 1024;

  private final Map<String, String> env;
  private final KubernetesSecretLookup secrets;

  /**
   * @param env the worker's environment (ENV references, interpolation)
   * @param secrets how KUBERNETES_SECRET references are read
   */
  public DefaultCredentialResolver(Map<String, String> env, KubernetesSecretLookup secrets) {
    this.env = Map.copyOf(env);
    this.secrets = secrets;
  }

  /** A resolver over the process environment, without Kubernetes Secret access. */
  public static DefaultCredentialResolver fromSystemEnvironment() {
    return new DefaultCredentialResolver(System.getenv(), KubernetesSecretLookup.notConfigured());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read-only and idempotent. Every method but IAM is accepted for either leg: IAM is refused
   * for the source (the gateway cannot pass it through) and for the destination (Confluent Cloud or
   * Confluent Platform, never MSK). A {@code role} starting with "destination" takes the
   * destination's defaults (sasl_plain over TLS unless {@code tls: false}).
   *
   * @throws CredentialException naming the reference and field, with the {@link FailureTypes} to
   *     raise
   */
  @Override
  public KafkaCredentials kafka(CredentialRef ref, String role) {
    if (ref == null || ref.kind() == CredentialRef.Kind.NONE) {
      return KafkaCredentials.plaintext();
    }
    // "destination (Confluent Platform)" too: the destination rules do not depend on its type.
    Leg leg = role != null && role.startsWith("destination") ? Leg.DESTINATION : Leg.SOURCE;
    Loaded doc = load(ref, role + " credentials");
    List<String> problems = CredentialShapes.kafka(doc.node(), "", leg, doc.fileLevel());
    if (!problems.isEmpty()) {
      boolean iam = CredentialShapes.kafkaMethods(doc.node()).contains("iam");
      fail(doc.label(), problems, iam ? FailureTypes.UNSUPPORTED : FailureTypes.INVALID_REQUEST);
    }
    String method = CredentialShapes.kafkaMethods(doc.node()).get(0);
    return KafkaClientSettings.map(doc.node(), method, leg, doc.baseDir(), doc.label());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The document is either a REST credentials document (exactly one of {@code api_key} + {@code
   * api_secret}, {@code basic}, {@code bearer}, {@code mtls}; optional {@code ca_cert}, {@code
   * insecure_skip_verify}) or, when the manifest has no restCredentials, the destination's Kafka
   * credentials, whose sasl_plain username/password are the API key and secret (any other method is
   * refused, naming restCredentials). Files named inside are checked here. Read-only and
   * idempotent.
   *
   * @throws CredentialException naming the reference and field, with the {@link FailureTypes} to
   *     raise
   */
  @Override
  public RestCredentials rest(CredentialRef ref) {
    if (ref == null || ref.kind() == CredentialRef.Kind.NONE) {
      return RestCredentials.none();
    }
    Loaded doc = load(ref, "REST credentials");
    return RestCredentialSettings.isDerived(ref, doc.node())
        ? RestCredentialSettings.derived(doc.node(), doc.fileLevel(), doc.baseDir(), doc.label())
        : RestCredentialSettings.explicit(doc.node(), doc.fileLevel(), doc.baseDir(), doc.label());
  }

  /** A credentials document and where it came from. */
  private record Loaded(JsonNode node, Path baseDir, boolean fileLevel, String label) {}

  private Loaded load(CredentialRef ref, String what) {
    String label = what + " (" + ref + ")";
    return switch (ref.kind()) {
      case FILE -> {
        Path file = Path.of(ref.location()).toAbsolutePath();
        yield document(readFile(file, label, "file " + file), file.getParent(), label);
      }
      case ENV -> {
        String text = env.get(ref.location());
        if (text == null || text.isBlank()) {
          throw new CredentialException(
              label
                  + ": environment variable "
                  + ref.location()
                  + " is not set on this"
                  + " worker; set it to the credentials document (YAML)",
              FailureTypes.NOT_FOUND);
        }
        yield document(text, null, label);
      }
      case KUBERNETES_SECRET -> {
        String[] parts = ref.location().split("/", 2);
        if (parts.length != 2) {
          throw new CredentialException(
              label + ": a Kubernetes Secret reference must be namespace/name",
              FailureTypes.INVALID_REQUEST);
        }
        yield document(secrets.credentialsDocument(parts[0], parts[1]), null, label);
      }
      case MANIFEST_INLINE -> inline(ref, label);
      case NONE -> throw new IllegalStateException("NONE has no document");
    };
  }

  private Loaded document(String text, Path baseDir, String label) {
    StrictYaml.Document doc = StrictYaml.parse(text, "");
    if (!doc.problems().isEmpty()) {
      fail(label, doc.problems(), FailureTypes.INVALID_REQUEST);
    }
    JsonNode node = doc.root();
    if (node.isObject() && node.path("interpolate").asBoolean(false)) {
      List<String> problems = new ArrayList<>();
      node = Interpolation.expandTree(node, "", env, problems);
      if (!problems.isEmpty()) {
        fail(label, problems, FailureTypes.INVALID_REQUEST);
      }
    }
    return new Loaded(node, baseDir, true, label);
  }

  private Loaded inline(CredentialRef ref, String label) {
    int hash = ref.location().lastIndexOf('#');
    if (hash <= 0 || hash == ref.location().length() - 1) {
      throw new CredentialException(
          label + ": an inline reference must be <manifest path>#<field path>",
          FailureTypes.INVALID_REQUEST);
    }
    Path manifest = Path.of(ref.location().substring(0, hash)).toAbsolutePath();
    String fieldPath = ref.location().substring(hash + 1);
    StrictYaml.Document doc =
        StrictYaml.parse(readFile(manifest, label, "manifest " + manifest), "");
    if (!doc.problems().isEmpty()) {
      fail(label, doc.problems(), FailureTypes.INVALID_REQUEST);
    }
    JsonNode block = doc.root();
    for (String key : fieldPath.split("\\.")) {
      block = block == null ? null : block.get(key);
    }
    if (block == null || block.isNull()) {
      throw new CredentialException(
          label
              + ": the manifest no longer has "
              + fieldPath
              + "; run init again with"
              + " the current manifest",
          FailureTypes.NOT_FOUND);
    }
    if (doc.root().path("interpolate").asBoolean(false)) {
      List<String> problems = new ArrayList<>();
      block = Interpolation.expandTree(block, fieldPath, env, problems);
      if (!problems.isEmpty()) {
        fail(label, problems, FailureTypes.INVALID_REQUEST);
      }
    }
    return new Loaded(block, manifest.getParent(), false, label);
  }

  private static String readFile(Path file, String label, String what) {
    if (!Files.isRegularFile(file)) {
      throw new CredentialException(
          label + ": " + what + " does not exist on this worker", FailureTypes.NOT_FOUND);
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new CredentialException(
            label + ": " + what + " is larger than 1 MiB", FailureTypes.INVALID_REQUEST);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CredentialException(
          label
              + ": "
              + what
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); check its permissions",
          FailureTypes.INVALID_REQUEST);
    }
  }

  private static void fail(String label, List<String> problems, String type) {
    throw new CredentialException(label + ": " + String.join("; ", problems), type);
  }
}
