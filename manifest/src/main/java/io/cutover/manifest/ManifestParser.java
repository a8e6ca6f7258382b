package io.cutover.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.model.DestinationCluster;
import io.cutover.workflow.model.GatewaySpec;
import io.cutover.workflow.model.PlanSecrecy;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.SourceCluster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code kind: GatewayMigration} manifest: kcp's own ({@code kcp.confluent.io/v1alpha1},
 * read unchanged) or ours ({@code cutover.io/v1alpha1}: the same shape plus approval and fence
 * policies, {@code spec.gateway.kubeContext}, a Confluent Platform source, and {@code {env: VAR}} /
 * {@code {kubernetesSecret: ns/name}} credentials).
 *
 * <p>Strict: unknown keys, duplicate keys and wrong types are problems, also inside inline
 * credential blocks. Every problem is collected and thrown together in a {@link ManifestException};
 * nothing is written anywhere. Reads the manifest, the switchover CR and (unless told not to) the
 * credential files it names. Messages never quote source lines or credential values.
 */
public final class ManifestParser {

  public static final String KCP_API_VERSION = "kcp.confluent.io/v1alpha1";
  public static final String CUTOVER_API_VERSION = "cutover.io/v1alpha1";
  public static final String KIND = "GatewayMigration";

  private final Map<String, String> env;
  private final boolean checkCredentialFiles;

  /** A parser that also reads and checks the credential files a manifest names. */
  public ManifestParser(Map<String, String> env) {
    this(env, true);
  }

  /**
   * @param env environment for {@code interpolate: true} manifests (and {@code ~/} in kubeconfig)
   * @param checkCredentialFiles read and shape-check credential files now; false when they exist
   *     only on the worker
   */
  public ManifestParser(Map<String, String> env, boolean checkCredentialFiles) {
    this.env = Map.copyOf(env);
    this.checkCredentialFiles = checkCredentialFiles;
  }

  static String extensionHint() {
    return "it is a cutover extension: set apiVersion: " + CUTOVER_API_VERSION + " to use it";
  }

  /**
   * Parses and checks {@code manifest}.
   *
   * @return the manifest with its warnings (e.g. the file is readable by others)
   * @throws ManifestException with every problem found
   */
  public ParsedManifest parse(Path manifest) throws ManifestException {
    Path file = manifest.toAbsolutePath().normalize();
    List<String> warnings = new ArrayList<>();
    String text = read(file, warnings);
    ManifestFiles.permissionWarning(file).ifPresent(warnings::add);

    StrictYaml.Document doc = StrictYaml.parse(text, "");
    if (doc.root() == null) {
      throw new ManifestException(file, doc.problems(), warnings);
    }
    List<String> problems = new ArrayList<>(doc.problems());
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add("the manifest must be a YAML mapping with apiVersion, kind, metadata and spec");
      throw new ManifestException(file, problems, warnings);
    }
    checkKind(file, root.get("kind"), warnings);

    String apiVersion = root.path("apiVersion").asText("");
    boolean cutoverApi = !KCP_API_VERSION.equals(apiVersion);
    if (!KCP_API_VERSION.equals(apiVersion) && !CUTOVER_API_VERSION.equals(apiVersion)) {
      problems.add(
          "apiVersion: must be \""
              + KCP_API_VERSION
              + "\" or \""
              + CUTOVER_API_VERSION
              + "\", got \""
              + apiVersion
              + "\"");
    }
    Section top = Section.of(root, "", problems);
    top.allowOnly(ManifestSchema.keys(""), Map.of());
    boolean interpolate = Boolean.TRUE.equals(top.bool("interpolate"));
    List<String> unexpanded = new ArrayList<>();
    if (interpolate) {
      root = Interpolation.expandTree(root, "", env, unexpanded);
      top = Section.of(root, "", problems);
    }

    // After expansion: a ${VAR} may carry the credential. Found first, so that no later check of
    // the
    // same field can quote its value.
    List<String> leaks = CredentialScan.manifest(root).stream().map(l -> l.problem("")).toList();

    Section metadata = top.section("metadata", true);
    metadata.allowOnly(ManifestSchema.keys("metadata"), Map.of());
    String name =
        SpecReader.nullToEmpty(
            metadata.requiredText("name", "(it names the migration and its workflow)"));

    Section spec = top.section("spec", true);
    spec.allowOnly(ManifestSchema.keys("spec"), Map.of());
    CredentialSlots slots =
        new CredentialSlots(file, cutoverApi, checkCredentialFiles, problems, warnings);
    SpecReader reader = new SpecReader(slots, cutoverApi, warnings);
    SourceCluster source = reader.source(spec.section("source", true));
    Section clusterLink = spec.section("clusterLink", true);
    DestinationCluster destination = reader.target(spec.section("target", true), clusterLink);
    String linkName = reader.clusterLink(clusterLink);
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    MigrationSections.Shape shape = MigrationSections.read(spec, clusterLink);
    TopicGroupReader.TopicGroup group = shape.group();
    GatewaySpec gateway =
        new GatewayReader(file, cutoverApi, home, warnings)
            .read(spec.section("gateway", true), group);
    List<String> topics = group == null ? reader.topics(spec) : group.topics();
    List<String> patterns = group == null ? List.of() : group.patterns();
    PolicyOverrides policies = PolicyReader.read(shape.policies(), cutoverApi, warnings);
    gateway = GatewayVerification.read(shape.policies().defaults(), gateway);
    MigrationSections.checkBaseline(shape, policies);
    problems.addAll(
        ManifestPlans.effectivePolicies(policies)
            .problems(shape.policies().defaults().path() + "."));
    List<String> first = new ArrayList<>(unexpanded);
    first.addAll(leaks);
    problems = withoutFollowOns(problems, first);
    warnings = withoutFollowOns(warnings, List.of(), leaks);

    if (!problems.isEmpty()) {
      throw new ManifestException(file, problems, warnings);
    }
    ParsedManifest parsed =
        new ParsedManifest(
            file,
            apiVersion,
            interpolate,
            name,
            source,
            destination,
            linkName,
            gateway,
            topics,
            patterns,
            policies,
            warnings);
    // The plan is what Temporal would record: check it with the workflow's own rule as well.
    List<String> inPlan = PlanSecrecy.problems(ManifestPlans.toPlan(parsed));
    if (!inPlan.isEmpty()) {
      throw new ManifestException(file, inPlan, warnings);
    }
    return parsed;
  }

  /**
   * The interpolation (and credential) problems first, then every other problem except those about
   * a field they name (its check would only repeat that the value is wrong, or quote it).
   */
  private static List<String> withoutFollowOns(List<String> problems, List<String> unexpanded) {
    return withoutFollowOns(problems, unexpanded, unexpanded);
  }

  /** {@code lead}, then each of {@code problems} not about a field that {@code about} names. */
  private static List<String> withoutFollowOns(
      List<String> problems, List<String> lead, List<String> about) {
    if (about.isEmpty()) {
      return problems;
    }
    List<String> fields =
        about.stream().map(p -> p.substring(0, Math.max(0, p.indexOf(": ")))).toList();
    List<String> out = new ArrayList<>(lead);
    for (String p : problems) {
      if (fields.stream()
          .noneMatch(
              f -> p.startsWith(f + ":") || p.startsWith(f + "[") || p.startsWith(f + "."))) {
        out.add(p);
      }
    }
    return out;
  }

  private static String read(Path file, List<String> warnings) throws ManifestException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ManifestException(
            file,
            List.of(
                "reading migration manifest: " + file + " does not exist" + " or is not a file"),
            warnings);
      }
      if (Files.size(file) > ManifestFiles.MAX_BYTES) {
        throw new ManifestException(
            file,
            List.of(
                "reading migration manifest: the file is larger than 1 MiB;" + " check the path"),
            warnings);
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ManifestException(
          file, List.of("reading migration manifest: the file is not UTF-8 text"), warnings);
    } catch (IOException e) {
      throw new ManifestException(
          file,
          List.of(
              "reading migration manifest: "
                  + file
                  + " cannot be read ("
                  + e.getClass().getSimpleName()
                  + "); check its permissions"),
          warnings);
    }
  }

  /**
   * A wrong kind is reported alone: the file belongs to another tool, a field-by-field list would
   * mislead.
   */
  private static void checkKind(Path file, JsonNode kindNode, List<String> warnings)
      throws ManifestException {
    String kind = kindNode == null || kindNode.isNull() ? "" : kindNode.asText("").trim();
    String problem;
    if (kind.isEmpty()) {
      problem = "kind: missing; this tool reads kind: \"" + KIND + "\" manifests";
    } else if (kind.equals("Migration")) {
      problem =
          "kind: this is a \"Migration\" manifest (used by `kcp migrate apply` to create the cluster link,"
              + " mirror topics and ACLs), but \""
              + KIND
              + "\" was expected: cutover reads the "
              + KIND
              + " manifest that drives the client cutover; run `kcp migrate` on this file instead";
    } else if (!kind.equals(KIND)) {
      problem = "kind: unsupported kind \"" + kind + "\" (expected \"" + KIND + "\")";
    } else {
      return;
    }
    throw new ManifestException(file, List.of(problem), warnings);
  }
}
