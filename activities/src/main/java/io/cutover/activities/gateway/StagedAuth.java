package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The auth a derived switch needs pre-staged on a route for the target streaming domain (docs/
 * manifest.md, "The derived switch"): the switch changes only the route's binding, so the route's
 * {@code security.cluster.<domain>} entry must already say how the gateway authenticates to that
 * domain. Checked at VALIDATE, before anything is fenced.
 */
final class StagedAuth {
  private StagedAuth() {}

  /**
   * The two auth modes a {@code security.cluster.<domain>} entry may have (cc-apis: Gateway CR).
   */
  static final Set<String> AUTH_MODES = Set.of("passthrough", "swap");

  /**
   * Adds one problem per missing piece of the route's staged auth for {@code domain}, and a warning
   * for what is accepted but cannot be checked: an entry with an {@code authentication} block and
   * no {@code auth} mode is read as the swap it stages (kcp's static preconditions accept it so),
   * and a secret store named while the CR declares no {@code spec.secretStores} at all is left to
   * the operator.
   */
  static void check(
      JsonNode live,
      JsonNode route,
      String where,
      String domain,
      List<String> problems,
      List<String> warnings) {
    JsonNode staged = route.path("security").path("cluster").path(domain);
    String entry = "security.cluster." + domain;
    String fix =
        "; pre-stage it in the live Gateway before the cutover (security.cluster keyed by streaming-domain"
            + " name, e.g. "
            + entry
            + ": {auth: swap, secretStore: <store>, authentication: {...}}),"
            + " because the switch changes only streamingDomain";
    if (!staged.isObject()) {
      if (flatAuth(live, route, where, domain, problems)) {
        return;
      }
      problems.add(
          where + " has no auth for streaming domain \"" + domain + "\" (" + entry + ")" + fix);
      return;
    }
    String auth = staged.path("auth").asText("");
    if (auth.isEmpty() && staged.path("authentication").isObject()) {
      warnings.add(
          where
              + ": "
              + entry
              + " names no auth mode; its authentication block is taken as the credentials the"
              + " gateway swaps in for that domain. Write auth: swap there to say so");
      auth = "swap";
    }
    if (!AUTH_MODES.contains(auth)) {
      problems.add(
          where + ": " + entry + ".auth must be passthrough or swap, got \"" + auth + "\"" + fix);
    } else if (auth.equals("swap")) {
      String store = staged.path("secretStore").asText("");
      boolean storesDeclared = !live.path("spec").path("secretStores").isEmpty();
      if (!store.isEmpty() && !storesDeclared) {
        warnings.add(
            where
                + ": "
                + entry
                + " swaps credentials through secret store \""
                + store
                + "\", and the live Gateway declares no spec.secretStores, so Cutover cannot check the"
                + " store or the Secrets it reads; the operator must resolve it, or declare it in"
                + " spec.secretStores");
      } else if (store.isEmpty() || secretStore(live, store) == null) {
        problems.add(
            where
                + ": "
                + entry
                + " swaps credentials through secret store \""
                + store
                + "\", which spec.secretStores does not declare; declare it in the live Gateway or fix its"
                + " secretStore");
      }
    }
  }

  /**
   * A route in the flat form of the Gateway CRD before CFK 0.1838.0 ({@link GatewayCrForms}) has
   * one {@code security} block for whichever domain it is bound to. With only {@code auth:
   * passthrough} the client's own identity goes to the target as it does under a keyed {@code
   * {auth: passthrough}} entry, so the switch needs nothing staged (kcp's hot-reload suite switches
   * such a route by its binding alone); any other flat security would carry the route's one
   * credential mapping to the target unchanged, which is a problem.
   *
   * @return whether the route is in the flat form (then its auth has been judged here)
   */
  private static boolean flatAuth(
      JsonNode live, JsonNode route, String where, String domain, List<String> out) {
    List<String> flat = GatewayCrForms.routeFlatFields(live, route);
    if (flat.isEmpty()) {
      return false;
    }
    String auth = route.path("security").path("auth").asText("");
    if (flat.equals(List.of("security.auth")) && auth.equals("passthrough")) {
      return true;
    }
    out.add(
        where
            + " writes its security in the flat form ("
            + String.join(", ", flat)
            + ") with auth \""
            + auth
            + "\": one credential mapping for whichever streaming domain the route is bound to, so the"
            + " derived switch would present it unchanged to streaming domain \""
            + domain
            + "\"; use spec.gateway.crs.switchover with the route's security for \""
            + domain
            + "\", or, on the Gateway CRD of CFK 0.1838.0 and later, key security.cluster by streaming-domain"
            + " name and pre-stage security.cluster."
            + domain);
    return true;
  }

  /** The secret store {@code name} in the CR's {@code spec.secretStores}, or null. */
  static JsonNode secretStore(JsonNode cr, String name) {
    for (JsonNode s : cr.path("spec").path("secretStores")) {
      if (name.equals(s.path("name").asText(null))) {
        return s;
      }
    }
    return null;
  }
}
