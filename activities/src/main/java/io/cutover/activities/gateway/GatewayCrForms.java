package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which form of a route's {@code security} block a Gateway CR uses. The Gateway CRD of CFK 0.1838.0
 * and later keys {@code security.cluster} by streaming-domain name ({@code
 * security.cluster.<domain>: {auth, secretStore, authentication}}) and rejects the older flat form
 * ({@code security.auth}, {@code security.secretStore}, {@code security.cluster.authentication}) as
 * unknown fields (docs/manifest.md, "Gateway CR forms"). The live CR is not judged by its form: it
 * is what the cluster's API server stores, and an API server whose CRD lacks the flat fields prunes
 * them, so a live CR that carries them runs on a CRD that has them (before CFK 0.1838.0), and
 * writing it back with a fence or another binding is accepted there. A switchover CR in the flat
 * form is refused next to a live CR that is not (its CRD rejects the fields); VALIDATE's
 * server-side dry run has the last word either way.
 */
public final class GatewayCrForms {
  private GatewayCrForms() {}

  /** Keys of the flat form directly under {@code security}. */
  static final Set<String> FLAT_SECURITY_KEYS = Set.of("auth", "secretStore");

  /**
   * Keys of the flat form under {@code security.cluster} (the keyed form has domain names there).
   */
  static final Set<String> FLAT_CLUSTER_KEYS = Set.of("auth", "secretStore", "authentication");

  /**
   * The flat-form field paths of {@code cr}, e.g. {@code spec.routes[0].security.auth}; empty for
   * the keyed form.
   */
  public static List<String> flatFields(JsonNode cr) {
    List<String> out = new ArrayList<>();
    JsonNode routes = cr.path("spec").path("routes");
    for (int i = 0; i < routes.size(); i++) {
      String at = "spec.routes[" + i + "].";
      routeFlatFields(cr, routes.get(i)).forEach(f -> out.add(at + f));
    }
    return out;
  }

  /**
   * The flat-form fields of one route of {@code cr}, relative to the route (e.g. {@code
   * security.auth}); empty for the keyed form.
   */
  static List<String> routeFlatFields(JsonNode cr, JsonNode route) {
    Set<String> domains = new HashSet<>();
    cr.path("spec").path("streamingDomains").forEach(d -> domains.add(d.path("name").asText("")));
    List<String> out = new ArrayList<>();
    JsonNode security = route.path("security");
    FLAT_SECURITY_KEYS.stream()
        .sorted()
        .filter(security::has)
        .forEach(k -> out.add("security." + k));
    JsonNode cluster = security.path("cluster");
    FLAT_CLUSTER_KEYS.stream()
        .sorted()
        .filter(k -> cluster.has(k) && !domains.contains(k))
        .forEach(k -> out.add("security.cluster." + k));
    return out;
  }

  /**
   * One problem when {@code cr} (the {@code role} CR) uses the flat form, naming the fields and the
   * fix.
   */
  public static void check(String role, JsonNode cr, List<String> problems) {
    List<String> flat = flatFields(cr);
    if (!flat.isEmpty()) {
      problems.add(
          "the "
              + role
              + " gateway CR writes route security in the flat form ("
              + String.join(", ", flat)
              + "), which the Gateway CRD of CFK 0.1838.0 and later rejects as unknown fields, so the operator would"
              + " never see the cutover's edits; key security.cluster by streaming-domain name instead, one entry for"
              + " each domain the route may be bound to (security.cluster.<domain>: {auth: passthrough} or {auth: swap,"
              + " secretStore: <store>, authentication: {...}}), and keep security.client as it is");
    }
  }
}
