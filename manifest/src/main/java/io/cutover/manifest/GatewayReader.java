package io.cutover.manifest;

import io.cutover.workflow.model.GatewaySpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code spec.gateway}: the Gateway CR to fence, the routes, and the switch: either the
 * switchover CR, read from its file by {@link SwitchoverFile} (the plan carries its content, so a
 * later edit of the file changes nothing until init runs again), or the target streaming domain of
 * the derived switch (docs/manifest.md, "The derived switch").
 */
final class GatewayReader {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
  private static final Pattern STREAMING_DOMAIN =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

  /** Keys of spec.gateway that only the cutover apiVersion has. */
  private static final Set<String> CUTOVER_KEYS = Set.of("kubeContext", "targetStreamingDomain");

  private final Path manifest;
  private final boolean cutoverApi;
  private final String home;
  private final List<String> warnings;

  GatewayReader(Path manifest, boolean cutoverApi, String home, List<String> warnings) {
    this.warnings = warnings;
    this.manifest = manifest;
    this.cutoverApi = cutoverApi;
    this.home = home;
  }

  GatewaySpec read(Section g) {
    return read(g, null);
  }

  /**
   * @param group kcp's {@code spec.topicGroup}, which names the route and the target domain; null
   *     when absent
   */
  GatewaySpec read(Section g, TopicGroupReader.TopicGroup group) {
    Set<String> allowed = new LinkedHashSet<>(ManifestSchema.keys("spec.gateway"));
    if (!cutoverApi) {
      allowed.removeAll(CUTOVER_KEYS);
    }
    g.allowOnly(
        allowed,
        cutoverApi
            ? Map.of()
            : Map.of(
                "kubeContext",
                ManifestParser.extensionHint(),
                "targetStreamingDomain",
                ManifestParser.extensionHint()));
    List<String> problems = g.problems();

    String namespace = g.requiredText("namespace", "(the Kubernetes namespace of the Gateway CR)");
    if (namespace != null && (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches())) {
      problems.add(
          g.path("namespace")
              + ": \""
              + namespace
              + "\" is not a valid Kubernetes namespace"
              + " (lower-case letters, digits and '-', at most 63)");
    }
    String kubeconfig = g.text("kubeconfig");
    String kubeconfigPath = "";
    if (kubeconfig != null && URL.matcher(kubeconfig.trim()).find()) {
      problems.add(
          g.path("kubeconfig")
              + ": is a URL, but the worker reads a kubeconfig file: write the file's path"
              + " (relative to the manifest, or ~/...)");
    } else if (kubeconfig != null && !kubeconfig.isBlank()) {
      Path p =
          ManifestFiles.resolveFile(manifest, kubeconfig, home, g.path("kubeconfig"), warnings);
      if (p == null) {
        problems.add(g.path("kubeconfig") + ": is not a valid file path on this system");
      } else {
        kubeconfigPath = p.toString();
      }
    }
    String kubeContext = cutoverApi ? g.text("kubeContext") : "";
    if (group != null) {
      return fromTopicGroup(
          g,
          group,
          SpecReader.nullToEmpty(namespace),
          kubeconfigPath,
          SpecReader.nullToEmpty(kubeContext));
    }
    if (g.present("cr-name")) {
      problems.add(
          g.path("cr-name")
              + ": kcp's later name of crs.initial, read with spec.topicGroup, spec.route or"
              + " spec.staticMigration; here write spec.gateway.crs.initial");
    }
    String target = cutoverApi ? targetStreamingDomain(g) : "";

    Section crs = g.section("crs", true);
    crs.allowOnly(
        ManifestSchema.keys("spec.gateway.crs"),
        Map.of(
            "fenced",
            "the fenced CR is not a file any more: it is"
                + " derived from the live gateway CR by fencing the routes listed in spec.gateway.fence.routes;"
                + " remove crs.fenced"));
    String initial =
        crs.requiredText("initial", "(the name of the live Gateway object, read at init)");
    if (initial != null && (initial.length() > 253 || !DNS_SUBDOMAIN.matcher(initial).matches())) {
      problems.add(
          crs.path("initial")
              + ": \""
              + initial
              + "\" is not a valid Kubernetes object name"
              + " (lower-case letters, digits, '-' and '.'); it names the live Gateway, not a file");
    }
    String switchoverText = null;
    if (target == null || !target.isEmpty()) {
      if (crs.present("switchover")) {
        problems.add(
            crs.path("switchover")
                + ": not allowed with spec.gateway.targetStreamingDomain, which derives"
                + " the switchover from the live gateway CR (fence, bind the fenced routes' streamingDomain to the target,"
                + " unfence), as kcp does since it dropped the switchover file; remove crs.switchover, or remove"
                + " targetStreamingDomain to apply the file instead");
      }
    } else {
      switchoverText =
          crs.requiredText(
              "switchover",
              cutoverApi
                  ? "(a local file path to the switchover Gateway CR; or derive the switch: set"
                      + " spec.gateway.targetStreamingDomain and remove crs.switchover)"
                  : "(a local file path to the switchover Gateway CR)");
    }
    String switchoverCr = "";
    String switchoverSource = "";
    if (switchoverText != null) {
      Path file =
          ManifestFiles.resolveFile(
              manifest, switchoverText, null, crs.path("switchover"), warnings);
      if (file == null) {
        problems.add(crs.path("switchover") + ": is not a valid file path on this system");
      } else {
        switchoverSource = file.toString();
        switchoverCr = SwitchoverFile.read(file, crs.path("switchover"), problems);
      }
    }

    Section fence = g.section("fence", true);
    fence.allowOnly(ManifestSchema.keys("spec.gateway.fence"), Map.of());
    List<String> routes = routes(fence);
    return new GatewaySpec(
        SpecReader.nullToEmpty(namespace),
        SpecReader.nullToEmpty(initial),
        kubeconfigPath,
        SpecReader.nullToEmpty(kubeContext),
        switchoverCr,
        switchoverSource,
        routes,
        SpecReader.nullToEmpty(target));
  }

  /**
   * kcp's shapes after #426: the live Gateway is {@code cr-name}, the route and target domain come
   * from the topic group or beside it, the switch is derived (docs/manifest.md, "Shapes").
   */
  private static GatewaySpec fromTopicGroup(
      Section g,
      TopicGroupReader.TopicGroup group,
      String namespace,
      String kubeconfig,
      String kubeContext) {
    String initial =
        g.requiredText("cr-name", "(the name of the live Gateway object, read at init)");
    if (initial != null && (initial.length() > 253 || !DNS_SUBDOMAIN.matcher(initial).matches())) {
      g.problems()
          .add(
              g.path("cr-name")
                  + ": \""
                  + initial
                  + "\" is not a valid Kubernetes object name"
                  + " (lower-case letters, digits, '-' and '.')");
    }
    String owner =
        group.targetPath().isEmpty()
            ? "spec.topicGroup"
            : group.targetPath().replaceFirst("(\\[0\\])?\\.targetStreamingDomain$", "");
    String why =
        ": not allowed with "
            + owner
            + ", which names the route and its target streaming domain (the"
            + " switch is derived from the live gateway CR); remove it";
    for (String key : List.of("crs", "fence", "targetStreamingDomain")) {
      if (g.present(key)) {
        g.problems().add(g.path(key) + why);
      }
    }
    String target = group.targetStreamingDomain();
    if (target != null && !STREAMING_DOMAIN.matcher(target).matches()) {
      g.problems()
          .add(
              group.targetPath()
                  + ": \""
                  + target
                  + "\" is not a streaming domain name"
                  + " (letters, digits, '.', '_' and '-'); name the entry of the live Gateway CR's spec.streamingDomains");
      target = null;
    }
    List<String> routes = group.route() == null ? List.of() : List.of(group.route());
    return new GatewaySpec(
        namespace,
        SpecReader.nullToEmpty(initial),
        kubeconfig,
        kubeContext,
        "",
        "",
        routes,
        SpecReader.nullToEmpty(target));
  }

  /**
   * {@code spec.gateway.targetStreamingDomain}: "" when absent, null when wrong (with a problem).
   */
  private static String targetStreamingDomain(Section g) {
    if (!g.present("targetStreamingDomain")) {
      return "";
    }
    String target = g.text("targetStreamingDomain");
    if (target != null && !STREAMING_DOMAIN.matcher(target).matches()) {
      g.problems()
          .add(
              g.path("targetStreamingDomain")
                  + ": "
                  + (target.isBlank()
                      ? "must not be empty"
                      : "\""
                          + target
                          + "\" is not a streaming domain name (letters, digits, '.', '_' and '-')")
                  + "; name the entry of the live Gateway CR's spec.streamingDomains that the fenced routes switch to,"
                  + " or remove the key and set spec.gateway.crs.switchover");
      return null;
    }
    return target;
  }

  private static List<String> routes(Section fence) {
    String path = fence.path("routes");
    List<String> routes = fence.strings("routes");
    if (fence.absent()) {
      return routes == null ? List.of() : routes;
    }
    if (routes == null || (routes.isEmpty() && fence.raw("routes").isArray())) {
      fence.problems().add(path + ": must name at least one route to fence");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (int i = 0; i < routes.size(); i++) {
      String r = routes.get(i);
      if (r == null) {
        continue;
      }
      if (r.isBlank()) {
        fence.problems().add(FieldPaths.index(path, i) + ": must not be blank");
      } else if (!seen.add(r)) {
        if (reported.add(r)) {
          fence
              .problems()
              .add(FieldPaths.index(path, i) + ": \"" + r + "\" is listed more than once");
        }
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
