package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.activity.FailureTypes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesClientsTest {
  private static final String TOKEN = "tok-3f9a-very-secret";

  private static Path kubeconfig(Path dir) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
          - name: dev-cluster
            cluster: {server: "https://dev.example.com:6443", insecure-skip-tls-verify: true}
          - name: prod-cluster
            cluster: {server: "https://prod.example.com:6443", insecure-skip-tls-verify: true}
        users:
          - name: ci
            user: {token: "%s"}
        contexts:
          - name: dev
            context: {cluster: dev-cluster, user: ci, namespace: confluent}
          - name: prod
            context: {cluster: prod-cluster, user: ci}
        """
            .formatted(TOKEN));
    return file;
  }

  @Test
  void anEmptyContextUsesTheKubeconfigsCurrentContext(@TempDir Path dir) throws Exception {
    try (KubernetesClient c = KubernetesClients.build(kubeconfig(dir).toString(), "")) {
      assertEquals("https://dev.example.com:6443/", c.getConfiguration().getMasterUrl());
    }
  }

  @Test
  void aNamedContextSelectsItsCluster(@TempDir Path dir) throws Exception {
    try (KubernetesClient c = KubernetesClients.build(kubeconfig(dir).toString(), "prod")) {
      assertEquals("https://prod.example.com:6443/", c.getConfiguration().getMasterUrl());
    }
  }

  @Test
  void anUnknownContextIsAnInvalidRequestThatDoesNotEchoCredentials(@TempDir Path dir)
      throws Exception {
    String path = kubeconfig(dir).toString();
    GatewayException e =
        assertThrows(GatewayException.class, () -> KubernetesClients.build(path, "staging"));
    assertEquals(FailureTypes.INVALID_REQUEST, e.type());
    assertTrue(e.getMessage().contains("\"staging\""), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aMissingKubeconfigFileIsAnInvalidRequest(@TempDir Path dir) {
    GatewayException e =
        assertThrows(
            GatewayException.class,
            () -> KubernetesClients.build(dir.resolve("nope").toString(), ""));
    assertEquals(FailureTypes.INVALID_REQUEST, e.type());
    assertTrue(e.getMessage().contains("spec.gateway.kubeconfig"), e.getMessage());
  }

  @Test
  void theProviderReusesOneClientPerKubeconfigAndContext(@TempDir Path dir) throws Exception {
    String path = kubeconfig(dir).toString();
    try (KubernetesClients clients = new KubernetesClients()) {
      KubernetesClient dev = clients.client(path, "dev");
      assertSame(dev, clients.client(path, "dev"));
      assertEquals(
          "https://prod.example.com:6443/",
          clients.client(path, "prod").getConfiguration().getMasterUrl());
    }
  }
}
