package io.cutover.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import io.cutover.activities.gateway.GatewayRbac;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes, rendered by the real {@code kubectl kustomize} (no cluster runs here, so the
 * objects are checked, not applied): the Role grants exactly what VALIDATE checks (GatewayRbac),
 * the worker runs unprivileged, drains on SIGTERM and is not restarted by a Temporal outage.
 */
class KubernetesDeployTest {
  private static final Path DEPLOY =
      Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> render(String dir) throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve(dir).toString())
              .redirectErrorStream(false)
              .start();
    } catch (java.io.IOException e) {
      throw new AssertionError(
          "kubectl is needed to render deploy/kubernetes: install it (Debian: apt-get install"
              + " kubernetes-client; .ci/run does)",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    List<Map<String, Object>> objects = new ArrayList<>();
    new Yaml().loadAll(out).forEach(o -> objects.add((Map<String, Object>) o));
    return objects;
  }

  private static Map<String, Object> one(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> of =
        objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertEquals(1, of.size(), kind + ": " + of);
    return of.get(0);
  }

  // A test's path reader into rendered YAML: the caller says which type it expects, and a wrong
  // guess fails the test.
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <T> T at(Object node, String... path) {
    Object n = node;
    for (String key : path) {
      n =
          n instanceof List<?> l
              ? l.get(Integer.parseInt(key))
              : ((Map<String, Object>) n).get(key);
      assertNotNull(n, "no " + String.join(".", path));
    }
    return (T) n;
  }

  private static String namespace(Map<String, Object> o) {
    return at(o, "metadata", "namespace");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRoleGrantsExactlyWhatValidateChecksInTheGatewayNamespace() throws Exception {
    List<Map<String, Object>> objects = render(".");
    Map<String, Object> role = one(objects, "Role");

    Set<String> granted = new TreeSet<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) role.get("rules")) {
      for (String group : (List<String>) rule.get("apiGroups")) {
        for (String resource : (List<String>) rule.get("resources")) {
          for (String verb : (List<String>) rule.get("verbs")) {
            granted.add(group + "/" + resource + "/" + verb);
          }
        }
      }
    }
    Set<String> checked = new TreeSet<>();
    GatewayRbac.ALL.forEach(n -> checked.add(n.group() + "/" + n.resource() + "/" + n.verb()));
    assertEquals(checked, granted, "the Role and GatewayRbac.ALL must not disagree");

    Map<String, Object> binding = one(objects, "RoleBinding");
    Map<String, Object> account = one(objects, "ServiceAccount");
    assertEquals(namespace(role), namespace(binding));
    assertEquals("Role", at(binding, "roleRef", "kind"));
    assertEquals(
        KubernetesDeployTest.<Object>at(role, "metadata", "name"), at(binding, "roleRef", "name"));
    assertEquals(
        KubernetesDeployTest.<Object>at(account, "metadata", "name"),
        at(binding, "subjects", "0", "name"));
    assertEquals(namespace(account), at(binding, "subjects", "0", "namespace"));
    assertNotEquals(
        namespace(account), namespace(role), "the worker's namespace is not the gateway's");
    assertTrue(
        objects.stream().noneMatch(o -> String.valueOf(o.get("kind")).startsWith("Cluster")),
        "nothing cluster-wide");
  }

  @Test
  void theWorkerRunsUnprivilegedDrainsAndIsOnlyMadeUnreadyByATemporalOutage() throws Exception {
    List<Map<String, Object>> objects = render(".");
    Map<String, Object> deployment = one(objects, "Deployment");
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    Map<String, Object> container = at(pod, "containers", "0");

    assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
    assertEquals(10001, (int) at(pod, "securityContext", "runAsUser"), "the image's user");
    assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation"));
    assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem"));
    assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop"));
    assertNotNull(at(container, "resources", "requests", "memory"));
    assertNotNull(at(container, "resources", "limits", "memory"));
    assertTrue(
        (int) at(pod, "terminationGracePeriodSeconds") >= 30 + 10,
        "longer than cutover.worker.drain-timeout (30 s) plus the JVM's shutdown");
    assertEquals(
        KubernetesDeployTest.<Object>at(one(objects, "ServiceAccount"), "metadata", "name"),
        pod.get("serviceAccountName"));

    // WorkerApplicationTest: /health/liveness leaves Temporal out, /health/readiness asks it.
    assertEquals("/health/liveness", at(container, "livenessProbe", "httpGet", "path"));
    assertEquals("/health/readiness", at(container, "readinessProbe", "httpGet", "path"));
  }

  @Test
  void theTemporalCloudOverlayPointsAtCloudAndKeepsTheApiKeyInASecret() throws Exception {
    List<Map<String, Object>> objects = render("overlays/temporal-cloud");
    Map<String, Object> config = one(objects, "ConfigMap");
    assertTrue(at(config, "data", "TEMPORAL_ADDRESS").toString().endsWith(".api.temporal.io:7233"));
    assertFalse(at(config, "data").toString().contains("API_KEY"), "the key is not configuration");
    Map<String, Object> container =
        at(one(objects, "Deployment"), "spec", "template", "spec", "containers", "0");
    assertEquals("cutover-credentials", at(container, "envFrom", "1", "secretRef", "name"));
  }

  @Test
  void theServiceMonitorScrapesTheWorkersMetricsPath() throws Exception {
    List<Map<String, Object>> objects = render("overlays/prometheus-operator");
    Map<String, Object> monitor = one(objects, "ServiceMonitor");
    assertEquals("/prometheus", at(monitor, "spec", "endpoints", "0", "path"));
    assertEquals(
        KubernetesDeployTest.<Object>at(one(objects, "Service"), "spec", "ports", "0", "name"),
        at(monitor, "spec", "endpoints", "0", "port"));
  }
}
