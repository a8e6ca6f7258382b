package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.kube.HotReloadPods;
import io.cutover.sandbox.link.MirrorState;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.RollbackRecord;
import io.cutover.workflow.model.StepRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole cutover with live clients on a hot-reload gateway (docs/sandbox.md, "Hot-reload
 * gateway"): every change is confirmed by each pod's /config through the API's pods/proxy, and no
 * pod is replaced. Attempt 1 fences while one pod never picks the change up: the fence is not
 * confirmed, so the attempt rolls back before anything is promoted, naming the pod. Attempt 2, with
 * every pod current, completes with nothing acknowledged lost or duplicated.
 */
class HotReloadIT extends E2EScenario {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  Sandbox.Options options(Path dir) {
    return super.options(dir)
        .withHotReload()
        .withPolicy("detectUnroutedProducersDuration", "10s")
        // Each of FENCE's activity attempts waits this long for the stalled pod.
        .withPolicy("hotReloadTimeout", "3s");
  }

  @Test
  void aHotReloadCutoverKeepsItsPodsAndAnUnconfirmedFenceRollsBack() throws Exception {
    var sandbox = rehearsal.sandbox();
    var kube = sandbox.kube();
    assertTrue(
        YAML.readTree(kube.liveCrYaml()).at("/spec/hotReload/enabled").asBoolean(),
        "the sandbox's CR asks for hot reload");
    List<String> uidsBefore = podUids();
    init();

    String stalled = kube.hotReloadPods().stallOnePod();
    rehearsal.execute(PolicyOverrides.none());
    MigrationStatus rollingBack =
        awaitStatus(
            s -> s.lastError() != null && s.lastError().contains("rolling back from FENCE"),
            Duration.ofMinutes(3));
    assertTrue(rollingBack.lastError().contains(stalled), rollingBack.lastError());
    // The unfence is a change too: the stalled pod must pick it up before the rollback confirms.
    kube.hotReloadPods().resumeStalledPod();
    MigrationStatus rolledBack =
        awaitStatus(s -> s.step() == CutoverStep.ROLLED_BACK, Duration.ofMinutes(2));
    RollbackRecord rb = rolledBack.rollbacks().get(0);
    assertEquals(CutoverStep.FENCE, rb.fromStep());
    assertTrue(rb.cause().contains(stalled), rb.cause());
    assertFalse(sandbox.gateway().fenced(), "clients are unfenced");
    assertEquals(sandbox.kafka().sourceClusterId(), clusterIdThroughGateway());
    for (String t : sandbox.topics()) {
      assertEquals(MirrorState.ACTIVE, sandbox.link().mirrorState(t), "nothing promoted: " + t);
    }
    awaitAcked(100);

    MigrationStatus end = executeAndWait(PolicyOverrides.none());
    assertEquals(CutoverStep.DONE, end.step(), end.lastError());
    awaitAcked(100); // clients keep working, now on the destination
    assertEquals(sandbox.kafka().destinationClusterId(), clusterIdThroughGateway());
    for (String t : sandbox.topics()) {
      assertEquals(MirrorState.STOPPED, sandbox.link().mirrorState(t), t);
    }
    assertFalse(sandbox.gateway().fenced());

    assertEquals(uidsBefore, podUids(), "hot reload: the same pods before and after");
    assertEquals(0, kube.operator().rolloutCount(), "no rollout");
    JsonNode live = YAML.readTree(kube.liveCrYaml());
    String configId = live.at("/spec/configId").asText();
    assertTrue(configId.startsWith("cutover-"), configId);
    for (String pod : podNames()) {
      assertEquals(
          configId,
          kube.hotReloadPods().served(pod).map(HotReloadPods.Served::configId).orElse("<none>"),
          pod);
    }

    WorkloadReport r = finish(sandbox.kafka().destinationBootstrap());
    assertEquals(0, r.lost(), "acknowledged records lost");
    assertEquals(0, r.duplicated(), "records duplicated in the log");
    assertTrue(r.acked() > 500, "traffic flowed: " + r);
    System.out.println(
        "HotReloadIT: fenced window (FENCE start to SWITCH end) "
            + fencedMillis(end)
            + " ms, proxy restarts "
            + sandbox.gateway().restarts()
            + ", failed sends "
            + r.failed());
  }

  private static long fencedMillis(MigrationStatus s) {
    StepRecord fence = null;
    StepRecord sw = null;
    for (StepRecord r : s.steps()) {
      if (r.attempt() == s.attempt() && r.step() == CutoverStep.FENCE) {
        fence = r;
      } else if (r.attempt() == s.attempt() && r.step() == CutoverStep.SWITCH) {
        sw = r;
      }
    }
    return fence == null || sw == null || sw.endedAt() == null
        ? -1
        : Duration.between(fence.startedAt(), sw.endedAt()).toMillis();
  }

  private List<String> podNames() {
    return pods().stream().map(p -> p.getMetadata().getName()).sorted().toList();
  }

  private List<String> podUids() {
    return pods().stream().map(p -> p.getMetadata().getUid()).sorted().toList();
  }

  private List<io.fabric8.kubernetes.api.model.Pod> pods() {
    var kube = rehearsal.sandbox().kube();
    return kube.client()
        .pods()
        .inNamespace(kube.namespace())
        .withLabel("app", kube.gatewayName())
        .list()
        .getItems();
  }
}
