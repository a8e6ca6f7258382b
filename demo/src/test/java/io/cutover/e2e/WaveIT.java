package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.manifest.WaveManifestParser;
import io.cutover.sandbox.workload.RogueProducer;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowOptions;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A wave through the real worker and the sandbox, with live clients: its group meets a producer
 * writing straight to the source, rolls back, and the wave stops; once the producer stops, the
 * wave's next execute cuts the group over. Nothing acknowledged is lost.
 */
class WaveIT extends E2EScenario {

  @Override
  io.cutover.sandbox.Sandbox.Options options(Path dir) {
    return super.options(dir).withPolicy("detectUnroutedProducersDuration", "10s");
  }

  @Test
  void aWavesGroupRollsBackOnARogueProducerAndTheNextExecuteCompletesItLosingNothing()
      throws Exception {
    Path member = rehearsal.sandbox().manifest();
    Path waveFile = member.resolveSibling("wave.yaml");
    Files.writeString(
        waveFile,
        "apiVersion: cutover.io/v1alpha1\nkind: MigrationWave\nmetadata:\n  name: e2e\n"
            + "spec:\n  onFailure: stop\n  groups:\n    - manifest: "
            + member.getFileName()
            + "\n");
    WavePlan plan =
        ManifestPlans.toWavePlan(
            new WaveManifestParser(new ManifestParser(Map.of())).parse(waveFile));
    WorkflowClient client = rehearsal.client();
    WaveWorkflow start =
        client.newWorkflowStub(
            WaveWorkflow.class, WaveWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE));
    WorkflowClient.start(start::run, plan, null);
    WaveWorkflow wave = client.newWorkflowStub(WaveWorkflow.class, plan.workflowId());
    awaitWave(wave, s -> s.step() == WaveStep.AWAIT_EXECUTE, Duration.ofMinutes(2));

    String topic = rehearsal.sandbox().topics().get(0);
    RogueProducer rogue = RogueProducer.start(rehearsal.sandbox().kafka().sourceBootstrap(), topic);
    wave.execute(Actor.of("e2e", "attempt 1"));
    WaveStatus stopped =
        awaitWave(
            wave,
            s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1,
            Duration.ofMinutes(4));
    var group = stopped.groups().get(0).group();
    assertEquals(GroupPhase.ROLLED_BACK, group.phase(), String.valueOf(group));
    assertTrue(stopped.lastError().contains("ROLLED_BACK: e2e"), stopped.lastError());
    assertFalse(rehearsal.sandbox().gateway().fenced(), "traffic restored to the source");
    awaitAcked(100); // the clients work again, on the source

    assertTrue(rogue.sent() > 0, "the rogue producer wrote to the source");
    rogue.close();
    wave.execute(Actor.of("e2e", "attempt 2: the rogue producer stopped"));
    WaveStatus done = awaitWave(wave, s -> s.step() == WaveStep.DONE, Duration.ofMinutes(4));
    assertEquals(GroupPhase.DONE, done.groups().get(0).group().phase());
    assertEquals(CutoverStep.DONE, rehearsal.workflow().status().step());

    WorkloadReport r = finish(rehearsal.sandbox().kafka().destinationBootstrap());
    assertEquals(0, r.lost());
    assertEquals(0, r.duplicated());
  }

  private static WaveStatus awaitWave(WaveWorkflow wf, Predicate<WaveStatus> p, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    WaveStatus s = wf.status();
    while (!p.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      s = wf.status();
    }
    assertTrue(p.test(s), "timed out; wave: " + s);
    return s;
  }
}
