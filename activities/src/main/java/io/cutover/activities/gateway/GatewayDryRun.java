package io.cutover.activities.gateway;

import com.fasterxml.jackson.databind.JsonNode;
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
  record Change(String what, JsonNode desired, String fix) {}

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
      ObjectNode body = GatewayWriter.merge(live, c.desired());
      try {
        GatewayResources.gateways(client)
            .inNamespace(namespace)
            .resource(GatewayResources.fromTree(body))
            .dryRun()
            .fieldValidation(Validation.STRICT)
            .update();
      } catch (KubernetesClientException e) {
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
  }
}
