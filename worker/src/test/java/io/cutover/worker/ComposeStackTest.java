package io.cutover.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack users run (docker-compose.yml, deploy/temporal): no Docker engine runs here, so
 * the file is read and the namespace job's script runs against a recording stand-in for the
 * temporal CLI. What the runbook promises must be in the files: local-only ports, no Terminate or
 * Reset in the UI, 30 days of retention, server metrics, a healthcheck that needs no curl.
 */
class ComposeStackTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyPublishedPortIsBoundToLoopback() throws IOException {
    services()
        .forEach(
            (name, service) -> {
              for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                assertTrue(
                    port.toString().startsWith("127.0.0.1:"),
                    name + " publishes " + port + " on every interface");
              }
            });
  }

  @Test
  void theWebUiOffersNeitherTerminateNorReset() throws IOException {
    Map<String, Object> ui = env(services().get("temporal-ui"));
    assertEquals("true", ui.get("TEMPORAL_WORKFLOW_TERMINATE_DISABLED"));
    assertEquals("true", ui.get("TEMPORAL_WORKFLOW_RESET_DISABLED"));
  }

  @Test
  void theServerExportsItsMetricsAndTheWorkerHealthcheckNeedsNoCurl() throws IOException {
    assertNotNull(env(services().get("temporal")).get("PROMETHEUS_ENDPOINT"));
    String check =
        String.valueOf(((Map<?, ?>) services().get("worker").get("healthcheck")).get("test"));
    assertFalse(check.contains("curl"), check);
    assertTrue(check.contains("/health"), check);
  }

  @Test
  void closedMigrationsAreKeptAtLeastThirtyDays() throws IOException {
    String retention =
        String.valueOf(env(services().get("temporal-namespace")).get("NAMESPACE_RETENTION"));
    assertTrue(retention.endsWith("h"), retention);
    assertTrue(Integer.parseInt(retention.replace("h", "")) >= 30 * 24, retention);
  }

  @Test
  void theNamespaceJobCreatesWithRetentionAndSetsItOnAnExistingNamespace(@TempDir Path dir)
      throws Exception {
    List<String> missing = runNamespaceJob(dir.resolve("new"), false);
    assertTrue(
        missing.stream()
            .anyMatch(
                c ->
                    c.startsWith(
                        "operator namespace create --namespace default" + " --retention 720h")),
        missing.toString());

    List<String> existing = runNamespaceJob(dir.resolve("old"), true);
    assertTrue(
        existing.stream()
            .anyMatch(
                c ->
                    c.startsWith(
                        "operator namespace update --namespace default" + " --retention 720h")),
        existing.toString());
    assertTrue(
        existing.stream().noneMatch(c -> c.startsWith("operator namespace create")),
        existing.toString());
  }

  @Test
  void theNamespaceJobRegistersTheWaveAttributeBesideAnExistingStepAttribute(@TempDir Path dir)
      throws Exception {
    List<String> calls = runNamespaceJob(dir, true);
    assertTrue(
        calls.stream()
            .anyMatch(
                c ->
                    c.startsWith(
                        "operator search-attribute create --name CutoverWave --type Keyword")),
        calls.toString());
    assertTrue(
        calls.stream().noneMatch(c -> c.contains("create --name CutoverStep")),
        "the existing attribute is kept: " + calls);
  }

  /** Runs create-namespace.sh with a stand-in {@code temporal} that records its arguments. */
  private static List<String> runNamespaceJob(Path dir, boolean namespaceExists) throws Exception {
    Files.createDirectories(dir);
    Path log = dir.resolve("calls");
    Path temporal = dir.resolve("temporal");
    Files.writeString(
        temporal,
        "#!/bin/sh\n"
            + "echo \"$*\" >> '"
            + log
            + "'\n"
            + "case \"$*\" in\n"
            + "  'operator namespace describe'*) "
            + (namespaceExists ? "exit 0" : "exit 1")
            + " ;;\n"
            + "  'operator search-attribute list'*) echo CutoverStep ;;\n"
            + "esac\n"
            + "exit 0\n");
    Files.setPosixFilePermissions(temporal, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder pb =
        new ProcessBuilder("sh", ROOT.resolve("deploy/temporal/create-namespace.sh").toString())
            .redirectErrorStream(true);
    pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
    pb.environment().put("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    pb.environment().put("NAMESPACE_RETENTION", "720h");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return Files.readAllLines(log).stream()
        .map(l -> l.replace(" --address 127.0.0.1:7233", ""))
        .toList();
  }
}
