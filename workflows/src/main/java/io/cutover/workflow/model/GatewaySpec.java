package io.cutover.workflow.model;

import java.util.List;

/**
 * The gateway custom resource clients connect through.
 *
 * @param namespace Kubernetes namespace of the Gateway CR
 * @param name the live Gateway object ({@code spec.gateway.crs.initial})
 * @param kubeconfig kubeconfig path on the worker; empty means the worker's default
 * @param kubeContext kubeconfig context; empty means the current context
 * @param switchoverCr the switchover CR as read from the manifest's file at init (YAML); applied
 *     verbatim at SWITCH, so a later edit of the file changes nothing until init runs again. Empty
 *     for a derived switch
 * @param switchoverCrSource the file the switchover CR came from, for messages
 * @param fenceRoutes names of the routes to fence
 * @param targetStreamingDomain the derived switch (docs/manifest.md, "The derived switch"): SWITCH
 *     binds each fenced route to this streaming domain of the live CR's VALIDATE snapshot, and
 *     changes nothing else. Empty when the switchover CR is applied instead; exactly one of the two
 *     is set. Absent (null) in plans recorded before it existed
 */
public record GatewaySpec(
    String namespace,
    String name,
    String kubeconfig,
    String kubeContext,
    String switchoverCr,
    String switchoverCrSource,
    List<String> fenceRoutes,
    String targetStreamingDomain) {
  public GatewaySpec {
    kubeconfig = kubeconfig == null ? "" : kubeconfig;
    targetStreamingDomain = targetStreamingDomain == null ? "" : targetStreamingDomain;
    kubeContext = kubeContext == null ? "" : kubeContext;
    fenceRoutes = List.copyOf(fenceRoutes);
  }
}
