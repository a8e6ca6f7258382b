package io.cutover.activities.gateway;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Where activities get a client for a gateway; tests pass the mock server's client. */
@FunctionalInterface
public interface KubernetesClientProvider {
  /**
   * A client for this kubeconfig and context. The provider owns it: callers do not close it.
   *
   * @param kubeconfig kubeconfig path; empty for the default ($KUBECONFIG, ~/.kube/config,
   *     in-cluster)
   * @param context kubeconfig context; empty for the current context
   */
  KubernetesClient client(String kubeconfig, String context);
}
