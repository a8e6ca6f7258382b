package io.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.demo.Rehearsal;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.manifest.WaveManifestParser;
import io.cutover.sandbox.Sandbox;
import io.cutover.sandbox.SandboxGroup;
import io.cutover.sandbox.workload.RogueProducer;
import io.cutover.sandbox.workload.Workload;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.GroupState;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.cutover.workflow.wave.WaveWorkflowOptions;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three groups on one gateway, one route and two topics each, live clients on each route, cut over
 * as one wave through the real worker: the third group waits for the first, at most two run at
 * once, and the second meets a producer writing straight to the source and rolls back while the
 * others complete. Once the producer stops, the wave's next execute cuts the second group over
 * after the others already switched. No acknowledged record is lost in any group.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaveOfGroupsOnOneGatewayIT {
  private Rehearsal rehearsal;
  private final List<Workload> workloads = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    rehearsal =
        Rehearsal.start(
            Sandbox.Options.of("shop", 2, Files.createTempDirectory("cutover-wave-e2e-"))
                .withGroups(3)
                .withPolicy("fenceErrorCode", "NOT_LEADER_OR_FOLLOWER")
                .withPolicy("strandedWritesWatchDuration", "0s")
                .withPolicy("detectUnroutedProducersDuration", "10s"));
    for (SandboxGroup g : rehearsal.sandbox().groups()) {
      Workload w = g.workload(40);
      workloads.add(w);
      w.start();
    }
    for (int i = 0; i < workloads.size(); i++) {
      awaitAcked(i, 30);
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (Workload w : workloads) {
      w.close();
    }
    if (rehearsal != null) {
      rehearsal.close();
    }
  }

  @Test
  void threeGroupsCutOverInOrderTwoAtATimeAndTheOneARogueProducerRollsBackLosesNothing()
      throws Exception {
    List<SandboxGroup> groups = rehearsal.sandbox().groups();
    Path dir = groups.get(0).manifest().getParent();
    Path waveFile = dir.resolve("wave.yaml");
    Files.writeString(
        waveFile,
        """
        apiVersion: cutover.io/v1alpha1
        kind: MigrationWave
        metadata:
          name: shop
        spec:
          concurrency: 2
          onFailure: continue
          groups:
            - manifest: shop-1.yaml
            - manifest: shop-2.yaml
            - manifest: shop-3.yaml
              after: [shop-1]
        """);
    WavePlan plan =
        ManifestPlans.toWavePlan(
            new WaveManifestParser(new ManifestParser(Map.of())).parse(waveFile));
    WorkflowClient client = rehearsal.client();
    WorkflowClient.start(
        client.newWorkflowStub(
                WaveWorkflow.class, WaveWorkflowOptions.forPlan(plan, MigrationWorkflow.TASK_QUEUE))
            ::run,
        plan,
        null);
    WaveWorkflow wave = client.newWorkflowStub(WaveWorkflow.class, plan.workflowId());
    Observed seen = new Observed();
    await(wave, s -> s.step() == WaveStep.AWAIT_EXECUTE, Duration.ofMinutes(2), seen);

    SandboxGroup rogueGroup = groups.get(1);
    RogueProducer rogue =
        RogueProducer.start(
            rehearsal.sandbox().kafka().sourceBootstrap(), rogueGroup.topics().get(0));
    wave.execute(Actor.of("e2e", "attempt 1"));
    WaveStatus first =
        await(
            wave,
            s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1,
            Duration.ofMinutes(5),
            seen);
    assertEquals(
        Map.of(
            "shop-1", GroupPhase.DONE, "shop-2", GroupPhase.ROLLED_BACK, "shop-3", GroupPhase.DONE),
        phases(first),
        String.valueOf(first));
    assertTrue(seen.maxRunning <= 2, "at most 2 groups at once, saw " + seen.maxRunning);
    assertEquals(2, seen.maxRunning, "shop-1 and shop-2 ran together");
    assertTrue(seen.violations.isEmpty(), "started before what it waits for: " + seen.violations);
    assertTrue(rogue.sent() > 0, "the rogue producer wrote to the source");
    assertFalse(rogueGroup.gateway().fenced(), "the rolled back group's clients flow again");
    assertEquals(
        rehearsal.sandbox().kafka().sourceBootstrap(),
        rogueGroup.gateway().upstream(),
        "on the source");
    for (int i : List.of(0, 2)) {
      assertEquals(
          rehearsal.sandbox().kafka().destinationBootstrap(),
          groups.get(i).gateway().upstream(),
          groups.get(i).name() + " on the destination");
    }
    for (int i = 0; i < workloads.size(); i++) {
      awaitAcked(i, 50); // every group's clients work, wherever they are
    }

    rogue.close();
    wave.execute(Actor.of("e2e", "attempt 2: the rogue producer stopped"));
    WaveStatus done = await(wave, s -> s.step() == WaveStep.DONE, Duration.ofMinutes(4), seen);
    assertEquals(
        Map.of("shop-1", GroupPhase.DONE, "shop-2", GroupPhase.DONE, "shop-3", GroupPhase.DONE),
        phases(done));
    for (SandboxGroup g : groups) {
      assertEquals(
          rehearsal.sandbox().kafka().destinationBootstrap(),
          g.gateway().upstream(),
          g.name() + " stays switched while another group cuts over");
      assertFalse(g.gateway().fenced(), g.name());
    }

    String destination = rehearsal.sandbox().kafka().destinationBootstrap();
    long acked = 0;
    for (int i = 0; i < workloads.size(); i++) {
      workloads.get(i).stop(Duration.ofSeconds(30));
      WorkloadReport r = workloads.get(i).truth(destination);
      System.out.println(groups.get(i).name() + ": " + r);
      assertEquals(0, r.lost(), groups.get(i).name() + ": " + r);
      assertEquals(0, r.duplicated(), groups.get(i).name() + ": " + r);
      // Re-deliveries of a refused commit are the client's (docs/sandbox.md, "Re-deliveries");
      // none may come from a handoff that missed or overwrote the group's offsets.
      assertEquals(
          0,
          workloads.get(i).redeliveries(rehearsal.sandbox().kafka().sourceBootstrap()).byHandoff(),
          groups.get(i).name() + ": re-deliveries caused by the offset handoff");
      acked += workloads.get(i).acked();
    }
    assertTrue(acked > 0);
  }

  /** What the test saw of the groups while polling: concurrency and start order. */
  private static final class Observed {
    int maxRunning;
    final List<String> violations = new ArrayList<>();

    void see(WaveStatus s) {
      Map<String, GroupPhase> phases = phases(s);
      // A held group keeps its slot too.
      int running = (int) phases.values().stream().filter(GroupPhase::occupiesSlot).count();
      maxRunning = Math.max(maxRunning, running);
      if (phases.get("shop-3") == GroupPhase.RUNNING && phases.get("shop-1") != GroupPhase.DONE) {
        violations.add("shop-3 RUNNING while shop-1 is " + phases.get("shop-1"));
      }
    }
  }

  private static Map<String, GroupPhase> phases(WaveStatus s) {
    return s.groups().stream()
        .map(WaveStatus.Row::group)
        .collect(Collectors.toMap(GroupState::name, GroupState::phase));
  }

  private static WaveStatus await(
      WaveWorkflow wf, Predicate<WaveStatus> p, Duration timeout, Observed seen)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    WaveStatus s = wf.status();
    seen.see(s);
    while (!p.test(s) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      s = wf.status();
      seen.see(s);
    }
    assertTrue(p.test(s), "timed out; wave: " + s);
    return s;
  }

  private void awaitAcked(int group, long more) throws Exception {
    Workload w = workloads.get(group);
    E2EScenario.awaitMore(
        w::acked,
        more,
        () ->
            rehearsal.sandbox().groups().get(group).name()
                + ": clients made no progress through the gateway: acked="
                + w.acked()
                + " failed="
                + w.failed());
  }
}
