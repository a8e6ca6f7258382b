package io.cutover.workflow.model;

import java.time.Duration;
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
 * @param configPort the port of each gateway pod's {@code /config} (kcp's {@code
 *     gatewayConfigPort}); 0 for the gateway's default, {@link #DEFAULT_CONFIG_PORT}
 * @param hotReloadTimeout how long a hot-reloaded change may take to be served by every pod (kcp's
 *     {@code hotReloadTimeout}); null or zero for {@link #DEFAULT_HOT_RELOAD_TIMEOUT}
 */
public record GatewaySpec(
    String namespace,
    String name,
    String kubeconfig,
    String kubeContext,
    String switchoverCr,
    String switchoverCrSource,
    List<String> fenceRoutes,
    String targetStreamingDomain,
    int configPort,
    Duration hotReloadTimeout) {

  /** The gateway's own default port of {@code /config}. */
  public static final int DEFAULT_CONFIG_PORT = 9180;

  /** kcp's budget for a hot reload when none is set. */
  public static final Duration DEFAULT_HOT_RELOAD_TIMEOUT = Duration.ofSeconds(90);

  /** A gateway with the default hot-reload settings. */
  public GatewaySpec(
      String namespace,
      String name,
      String kubeconfig,
      String kubeContext,
      String switchoverCr,
      String switchoverCrSource,
      List<String> fenceRoutes,
      String targetStreamingDomain) {
    this(
        namespace,
        name,
        kubeconfig,
        kubeContext,
        switchoverCr,
        switchoverCrSource,
        fenceRoutes,
        targetStreamingDomain,
        0,
        null);
  }

  public GatewaySpec {
    kubeconfig = kubeconfig == null ? "" : kubeconfig;
    targetStreamingDomain = targetStreamingDomain == null ? "" : targetStreamingDomain;
    kubeContext = kubeContext == null ? "" : kubeContext;
    fenceRoutes = List.copyOf(fenceRoutes);
    configPort = configPort == 0 ? DEFAULT_CONFIG_PORT : configPort;
    hotReloadTimeout =
        hotReloadTimeout == null || hotReloadTimeout.isZero()
            ? DEFAULT_HOT_RELOAD_TIMEOUT
            : hotReloadTimeout;
  }

  /** This gateway with kcp's hot-reload settings (0 and null keep the defaults). */
  public GatewaySpec withHotReload(int port, Duration timeout) {
    return new GatewaySpec(
        namespace,
        name,
        kubeconfig,
        kubeContext,
        switchoverCr,
        switchoverCrSource,
        fenceRoutes,
        targetStreamingDomain,
        port,
        timeout);
  }
}
