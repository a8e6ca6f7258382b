package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutover.manifest.StrictYaml;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Cross-checks of the live (initial) Gateway CR and the switchover CR that need no API calls. Every
 * finding is collected; nothing throws. Secrets the switchover CR names are returned for the caller
 * to look up.
 */
public final class GatewayCrRules {
  private GatewayCrRules() {}

  /** Keys whose string value names a Kubernetes Secret in the gateway's namespace. */
  static final Set<String> SECRET_KEYS =
      Set.of("secretRef", "configSecretRef", "clientCredentialsRef");

  /**
   * @param secretNames Secrets the switch relies on, sorted, to be checked against the API
   * @param switchover the parsed switchover CR, or null when it did not parse or the switch is
   *     derived
   * @param secretsOf what names {@code secretNames}, for messages; null when they could not be
   *     collected
   */
  public record Findings(
      List<String> problems,
      List<String> warnings,
      List<String> secretNames,
      ObjectNode switchover,
      String secretsOf) {}

  /**
   * {@link #check(JsonNode, String, String, List, String, String)} for a plan with a switchover CR.
   */
  public static Findings check(
      JsonNode initial,
      String switchoverYaml,
      List<String> fenceRoutes,
      String namespace,
      String gatewayName) {
    return check(initial, switchoverYaml, "", fenceRoutes, namespace, gatewayName);
  }

  /**
   * Runs every rule.
   *
   * @param initial the live Gateway CR, or null when it could not be read (its rules are skipped)
   * @param targetDomain the plan's target streaming domain (a derived switch), or empty
   */
  public static Findings check(
      JsonNode initial,
      String switchoverYaml,
      String targetDomain,
      List<String> fenceRoutes,
      String namespace,
      String gatewayName) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> fence = fenceRoutes == null ? List.of() : fenceRoutes;
    if (fence.isEmpty()) {
      problems.add(
          "no routes are named to fence: list the migration's routes in spec.gateway.fence.routes");
    }
    if (initial != null) {
      shape("initial", initial, problems);
      // Its security form is the one its CRD stores (GatewayCrForms); the dry run tries the writes.
      FenceTargets.check(initial, fence, problems, warnings);
    }
    boolean derived = targetDomain != null && !targetDomain.isBlank();
    boolean file = switchoverYaml != null && !switchoverYaml.isBlank();
    if (derived == file) {
      problems.add(
          derived
              ? "spec.gateway.crs.switchover: not allowed with spec.gateway.targetStreamingDomain, which derives the switch"
                  + " from the live gateway CR; remove crs.switchover (or targetStreamingDomain) and run init again"
              : "spec.gateway: the plan has neither a switchover CR nor a target streaming domain; set"
                  + " spec.gateway.targetStreamingDomain (or crs.switchover) and run init again");
      return new Findings(problems, warnings, List.of(), null, null);
    }
    if (derived) {
      if (initial == null) {
        return new Findings(problems, warnings, List.of(), null, null);
      }
      problems.addAll(GatewaySwitch.problems(initial, fence, targetDomain, warnings));
      String of = "the switch to streaming domain \"" + targetDomain + "\"";
      return new Findings(
          problems,
          warnings,
          GatewaySwitch.secretNames(initial, fence, targetDomain, warnings),
          null,
          of
              + " (route security.cluster."
              + targetDomain
              + ", its secret store, the domain's TLS)");
    }
    ObjectNode switchover = parse(switchoverYaml, problems);
    List<String> secrets = List.of();
    if (switchover != null) {
      shape("switchover", switchover, problems);
      if (initial == null || GatewayCrForms.flatFields(initial).isEmpty()) {
        GatewayCrForms.check("switchover", switchover, problems);
      }
      identity(switchover, namespace, gatewayName, problems, warnings);
      wiring(switchover, problems);
      switchoverFences(initial, switchover, fence, problems, warnings);
      if (initial != null && switchover.path("spec").isObject() && !fence.isEmpty()) {
        SwitchoverFile.check(initial, switchover, fence, problems);
      }
      secrets = secretRefs(switchover, warnings);
    }
    String of = switchover == null ? null : "the switchover gateway CR";
    return new Findings(problems, warnings, secrets, switchover, of);
  }

  static ObjectNode parse(String yaml, List<String> problems) {
    return readCr(
        yaml,
        "switchover",
        m -> problems.add(m + "; fix the file named by spec.gateway.crs.switchover"));
  }

  /**
   * YAML problems quoted in a CR file's one problem; the rest are counted (an alias bomb has
   * thousands).
   */
  private static final int QUOTED = 3;

  /**
   * Reads a Gateway CR file's text with the manifest's reader, as the CLI did at init
   * (docs/manifest.md, "Reading rules": no repeated key, no alias, one document).
   *
   * @return the CR tree; null after handing {@code problem} one message that names the problems
   */
  static ObjectNode readCr(String yaml, String role, Consumer<String> problem) {
    StrictYaml.Document doc = StrictYaml.mapping(yaml, "");
    if (doc.ok()) {
      return (ObjectNode) doc.root();
    }
    List<String> all = doc.problems();
    problem.accept(
        "the "
            + role
            + " gateway CR is not usable: "
            + String.join("; ", all.subList(0, Math.min(QUOTED, all.size())))
            + (all.size() > QUOTED ? " (and " + (all.size() - QUOTED) + " more)" : ""));
    return null;
  }

  static void shape(String role, JsonNode cr, List<String> problems) {
    String kind = cr.path("kind").asText("");
    if (!GatewayResources.KIND.equals(kind)) {
      problems.add("the " + role + " gateway CR has kind \"" + kind + "\"; it must be \"Gateway\"");
    }
    String apiVersion = cr.path("apiVersion").asText("");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    if (!GatewayResources.GROUP.equals(group)) {
      problems.add(
          "the "
              + role
              + " gateway CR has apiVersion \""
              + apiVersion
              + "\"; its group must be \""
              + GatewayResources.GROUP
              + "\"");
    } else if (!GatewayResources.API_VERSION.equals(apiVersion)) {
      problems.add(
          "the "
              + role
              + " gateway CR declares apiVersion \""
              + apiVersion
              + "\", but the cutover writes"
              + " gateways as "
              + GatewayResources.API_VERSION
              + "; change the file's apiVersion to match");
    }
    if (!cr.path("spec").isObject()) {
      problems.add("the " + role + " gateway CR has no spec");
    }
  }

  static void identity(
      JsonNode sw, String namespace, String gateway, List<String> problems, List<String> warnings) {
    JsonNode meta = sw.path("metadata");
    String name = meta.path("name").asText("");
    if (!name.isEmpty() && !name.equals(gateway)) {
      problems.add(
          "the switchover gateway CR is named \""
              + name
              + "\" but the migration targets gateway \""
              + gateway
              + "\"; it would be applied under \""
              + gateway
              + "\", so check it is the right file and fix"
              + " metadata.name (or remove it)");
    }
    String ns = meta.path("namespace").asText("");
    if (!ns.isEmpty() && !ns.equals(namespace)) {
      problems.add(
          "the switchover gateway CR declares namespace \""
              + ns
              + "\" but the migration targets namespace \""
              + namespace
              + "\"; fix metadata.namespace (or remove it)");
    }
    List<String> serverFields = new ArrayList<>();
    for (String f :
        List.of("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation")) {
      if (meta.has(f)) {
        serverFields.add("metadata." + f);
      }
    }
    if (sw.has("status")) {
      serverFields.add("status");
    }
    if (!serverFields.isEmpty()) {
      warnings.add(
          "the switchover gateway CR carries server-managed fields ("
              + String.join(", ", serverFields)
              + "), as in `kubectl get -o yaml` output; they are ignored when it is applied, but strip them from the file");
    }
  }

  /** Every route's streaming domain must be declared, with the bootstrap server id it names. */
  static void wiring(JsonNode sw, List<String> problems) {
    Map<String, Set<String>> domains = new java.util.LinkedHashMap<>();
    for (JsonNode d : sw.path("spec").path("streamingDomains")) {
      Set<String> ids = new TreeSet<>();
      d.path("kafkaCluster")
          .path("bootstrapServers")
          .forEach(b -> ids.add(b.path("id").asText("")));
      domains.put(d.path("name").asText(""), ids);
    }
    int i = 0;
    for (JsonNode r : sw.path("spec").path("routes")) {
      String route = r.path("name").asText("#" + i);
      i++;
      List<JsonNode> refs = new ArrayList<>();
      if (r.path("streamingDomain").isObject()) {
        refs.add(r.get("streamingDomain"));
      }
      r.path("streamingDomains").forEach(refs::add);
      for (JsonNode ref : refs) {
        String d = ref.path("name").asText("");
        String id = ref.path("bootstrapServerId").asText("");
        if (d.isEmpty() && id.isEmpty()) {
          continue; // the CRD defaults an empty singular domain onto dynamic routes
        }
        if (!domains.containsKey(d)) {
          problems.add(
              "in the switchover gateway CR, route "
                  + route
                  + " points at streaming domain \""
                  + d
                  + "\", which the CR does not declare (declared: "
                  + String.join(", ", domains.keySet())
                  + ")");
        } else if (!domains.get(d).contains(id)) {
          problems.add(
              "in the switchover gateway CR, route "
                  + route
                  + " points at bootstrapServerId \""
                  + id
                  + "\", which streaming domain \""
                  + d
                  + "\" does not define (defined: "
                  + String.join(", ", domains.get(d))
                  + ")");
        }
      }
    }
  }

  /** The switchover CR must not keep fencing a migration route; other fences only warn. */
  static void switchoverFences(
      JsonNode initial,
      JsonNode sw,
      List<String> fence,
      List<String> problems,
      List<String> warnings) {
    Set<String> endpoints = new java.util.HashSet<>();
    if (initial != null) {
      fence.forEach(
          r -> {
            JsonNode route = GatewayCrs.route(initial, r);
            if (route != null && route.hasNonNull("endpoint")) {
              endpoints.add(route.get("endpoint").asText());
            }
          });
    }
    List<String> stillFenced = new ArrayList<>();
    List<String> otherFenced = new ArrayList<>();
    for (JsonNode r : sw.path("spec").path("routes")) {
      if (!GatewayCrs.isFenced(r)) {
        continue;
      }
      String name = r.path("name").asText("");
      String endpoint = r.path("endpoint").asText("");
      if (name.isEmpty() && endpoint.isEmpty()) {
        warnings.add(
            "the switchover gateway CR has a fenced route with neither name nor endpoint; cannot tell"
                + " whether it is a migration route");
      } else if (!name.isEmpty() ? fence.contains(name) : endpoints.contains(endpoint)) {
        stillFenced.add(name.isEmpty() ? endpoint : name);
      } else {
        otherFenced.add(name.isEmpty() ? endpoint : name);
      }
    }
    if (!stillFenced.isEmpty()) {
      problems.add(
          "the switchover gateway CR still fences the route(s) the migration fences ("
              + String.join(", ", stillFenced)
              + "), so clients would stay blocked after the switch; remove their fence blocks");
    }
    if (!otherFenced.isEmpty()) {
      warnings.add(
          "the switchover gateway CR fences route(s) the migration does not fence ("
              + String.join(", ", otherFenced)
              + "); SWITCH keeps those routes as they are live, so these fence blocks are not"
              + " applied");
    }
    for (String r : fence) {
      if (GatewayCrs.route(sw, r) == null && !sw.path("spec").path("routes").isEmpty()) {
        warnings.add(
            "the switchover gateway CR has no route named \""
                + r
                + "\"; clients that bootstrap through it"
                + " lose their listener after the switch unless another route serves the same endpoint");
      }
    }
  }

  /** Secret names under secretRef/configSecretRef/clientCredentialsRef; other *Ref strings warn. */
  static List<String> secretRefs(JsonNode sw, List<String> warnings) {
    Set<String> names = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    walk(sw, "", names, unknown, new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      warnings.add(
          "the gateway CR uses reference field(s) the secret check does not know: "
              + String.join(", ", unknown)
              + "; any Kubernetes Secret they name is not verified");
    }
    return List.copyOf(names);
  }

  private static void walk(
      JsonNode n,
      String path,
      Set<String> names,
      List<String> unknown,
      IdentityHashMap<JsonNode, Boolean> seen) {
    if (!n.isContainerNode() || seen.put(n, Boolean.TRUE) != null) {
      return; // visited nodes are skipped, so shared subtrees cannot blow up the walk
    }
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        walk(n.get(i), path + "[" + i + "]", names, unknown, seen);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isTextual() && SECRET_KEYS.contains(e.getKey())) {
        if (!v.asText().isBlank()) {
          names.add(v.asText());
        }
      } else if (v.isTextual() && e.getKey().endsWith("Ref")) {
        unknown.add(p + "=" + v.asText());
      } else {
        walk(v, p, names, unknown, seen);
      }
    }
  }
}
