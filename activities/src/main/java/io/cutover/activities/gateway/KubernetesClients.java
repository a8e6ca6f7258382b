package io.cutover.activities.gateway;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds fabric8 clients from a kubeconfig path and context, and keeps one per (path, context) so
 * activities on a worker share connections. Close it when the worker stops.
 */
public final class KubernetesClients implements KubernetesClientProvider, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubernetesClients.class);

  private final Map<String, KubernetesClient> cache = new ConcurrentHashMap<>();

  @Override
  public KubernetesClient client(String kubeconfig, String context) {
    String key = nz(kubeconfig) + "\u0000" + nz(context);
    return cache.computeIfAbsent(key, k -> build(kubeconfig, context));
  }

  /**
   * Builds a new client (the caller closes it).
   *
   * @throws GatewayException INVALID_REQUEST when the kubeconfig file is missing or the context is
   *     unknown
   */
  public static KubernetesClient build(String kubeconfig, String context) {
    String ctx = nz(context).isEmpty() ? null : context;
    Config config;
    try {
      if (nz(kubeconfig).isEmpty()) {
        config = Config.autoConfigure(ctx);
      } else {
        File file =
            new File(
                kubeconfig.startsWith("~/")
                    ? System.getProperty("user.home") + kubeconfig.substring(1)
                    : kubeconfig);
        if (!file.isFile()) {
          throw new GatewayException(
              FailureTypes.INVALID_REQUEST,
              "kubeconfig "
                  + file
                  + " does not exist on this worker; fix spec.gateway.kubeconfig or leave it empty for the default");
        }
        config = Config.fromKubeconfig(ctx, file);
      }
    } catch (GatewayException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GatewayException(
          FailureTypes.INVALID_REQUEST,
          "cannot load kubeconfig "
              + (nz(kubeconfig).isEmpty() ? "(default)" : kubeconfig)
              + (ctx == null ? "" : " with context \"" + ctx + "\"")
              + ": "
              + e.getMessage()
              + "; fix spec.gateway.kubeconfig / kubeContext",
          e);
    }
    if (ctx != null
        && (config.getCurrentContext() == null
            || !ctx.equals(config.getCurrentContext().getName()))) {
      throw new GatewayException(
          FailureTypes.INVALID_REQUEST,
          "context \""
              + ctx
              + "\" is not defined in kubeconfig "
              + (nz(kubeconfig).isEmpty() ? "(default)" : kubeconfig)
              + "; fix spec.gateway.kubeContext");
    }
    log.debug(
        "Kubernetes client for {} (context {})",
        config.getMasterUrl(),
        ctx == null ? "current" : ctx);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    cache.values().forEach(KubernetesClient::close);
    cache.clear();
  }

  private static String nz(String s) {
    return s == null ? "" : s.trim();
  }
}
