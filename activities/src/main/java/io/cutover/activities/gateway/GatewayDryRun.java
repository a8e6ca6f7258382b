package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.util.List;

/**
 * Sends the fenced and the switched Gateway CR to the API server as server-side dry runs ({@code
 * dryRun=All}, {@code fieldValidation=Strict}) while clients still flow, so that a change the API
 * server or an admission webhook refuses is found at VALIDATE and not while clients are fenced
 * (docs/architecture.md, "The steps"). Nothing is persisted. The operator's own verdict comes
 * later, asynchronously, in the CR's status, which no dry run can foresee.
 */
final class GatewayDryRun {
  private GatewayDryRun() {}

  /**
   * One change to try.
   *
   * @param what what the change is, for messages ("the fenced CR (FENCE)")
   * @param fix what to do when it is refused
   */
  record Change(String what, GatewayEdit edit, String fix) {}

  /** Dry runs that meet a 409 (another group wrote in between) read the live CR again. */
  private static final int CONFLICT_RETRIES = 3;

  /**
   * Tries each change against the live Gateway, as {@link GatewayWriter} would write it. Adds a
   * problem for each change the server refuses and a warning when the dry run itself could not run.
   * Reads only.
   */
  static void check(
      KubernetesClient client,
      String namespace,
      String name,
      ObjectNode live,
      List<Change> changes,
      List<String> problems,
      List<String> warnings) {
    for (Change c : changes) {
      ObjectNode current = live;
      for (int attempt = 1; ; attempt++) {
        try {
          dryRun(client, namespace, current, c);
          break;
        } catch (KubernetesClientException e) {
          if (e.getCode() == 409 && attempt <= CONFLICT_RETRIES) {
            current = GatewayResources.read(client, namespace, name);
            if (current != null) {
              continue;
            }
          }
          report(e, c, namespace, name, problems, warnings);
          break;
        }
      }
    }
  }

  private static void dryRun(KubernetesClient client, String namespace, ObjectNode live, Change c) {
    ObjectNode body = GatewayWriter.merge(live, c.edit().desired(live));
    GatewayResources.gateways(client)
        .inNamespace(namespace)
        .resource(GatewayResources.fromTree(body))
        .dryRun()
        .fieldValidation(Validation.STRICT)
        .update();
  }

  private static void report(
      KubernetesClientException e,
      Change c,
      String namespace,
      String name,
      List<String> problems,
      List<String> warnings) {
    if (e.getCode() == 400 || e.getCode() == 422) {
      problems.add(
          "the API server refuses "
              + c.what()
              + " of gateway "
              + namespace
              + "/"
              + name
              + " (server-side dry run, nothing written): "
              + GatewayException.apiReason(e)
              + "; "
              + c.fix());
    } else {
      warnings.add(
          c.what()
              + " was NOT tried as a server-side dry run ("
              + GatewayException.apiReason(e)
              + "); the API server checks it only when it is written");
    }
  }
}
