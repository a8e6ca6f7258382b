package io.cutover.workflow.model;

import java.util.List;

/**
 * The live Gateway CR as read at VALIDATE, with server-managed fields removed. It is the base of
 * the fence (this plus a fence block on the named routes) and of unfence (this, re-applied), so the
 * two are exact inverses. Gateway CRs name Kubernetes Secrets; they hold no secret values.
 *
 * @param crJson the cleaned CR as JSON
 * @param resourceVersion resourceVersion when it was read
 * @param generation metadata.generation when it was read
 * @param routes the route names it declares
 */
public record GatewaySnapshot(
    String crJson, String resourceVersion, long generation, List<String> routes) {
  public GatewaySnapshot {
    routes = routes == null ? List.of() : List.copyOf(routes);
  }
}
