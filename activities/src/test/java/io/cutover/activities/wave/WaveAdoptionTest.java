package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group started alone before the wave is adopted, not started twice; one found held past its
 * point of no return is followed until the operator's retry completes it.
 */
class WaveAdoptionTest extends WaveScenario {

  @Test
  void aHeldGroupStartedAloneIsAdoptedAndFollowedUntilItsRetryCompletesIt() {
    WaveWorkflow wf = waveAdoptingAHeldGroup();
    WaveStatus init = wf.status();
    assertFalse(row(init, "held").child(), "adopted, not started again");
    assertEquals(GroupPhase.HELD, row(init, "held").phase());

    wf.execute(alice());
    WaveStatus otherDone =
        awaitWave(wf, s -> row(s, "other").phase() == GroupPhase.DONE, "other DONE");
    assertEquals(WaveStep.RUN, otherDone.step(), "the wave follows the held group");
    assertEquals(GroupPhase.HELD, row(otherDone, "held").phase());

    groupStub("held").execute(new ExecuteRequest("alice", null)); // the operator's retry
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the wave done");
    assertEquals(List.of(GroupPhase.DONE, GroupPhase.DONE), phases(done));
    assertEquals(
        1,
        fakes.log.stream().filter("held fenceRoutes"::equals).count(),
        "the held group was never executed again: " + fakes.log);
    assertTrue(fakes.log.contains("other fenceRoutes"));
  }

  @Test
  void aHeldGroupWhoseWorkflowEndedIsReportedWithTheWayOutAndTheWaveGoesOn() {
    WaveWorkflow wf = waveAdoptingAHeldGroup();
    wf.execute(alice());
    awaitWave(wf, s -> row(s, "other").phase() == GroupPhase.DONE, "other DONE");

    client.newUntypedWorkflowStub("migration-held").terminate("an operator gave up on it");
    WaveStatus rested =
        awaitWave(
            wf, s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1, "the attempt's end");
    assertEquals(GroupPhase.INVALID, row(rested, "held").phase());
    assertTrue(
        row(rested, "held").detail().contains("cutover recover held"),
        row(rested, "held").detail());
  }

  @Test
  void aGroupExecutedByHandWhenTheWaveBeginsIsFollowedAndHoldsItsSlot() {
    WaveWorkflow wf = start(wave(1, WavePlan.FailurePolicy.STOP, group("a"), group("b")));
    fakes.of("a").blocking.add("awaitLagBelow");
    groupStub("a").execute(new ExecuteRequest("bob", null)); // an operator, outside the wave
    awaitGroup("a", CutoverStep.WAIT_FOR_LAG);

    wf.execute(alice());
    WaveStatus running =
        awaitWave(
            wf,
            s -> s.step() == WaveStep.RUN && row(s, "a").phase() == GroupPhase.RUNNING,
            "a followed as running");
    assertEquals("a free slot (concurrency 1)", waiting(running, "b"));

    fakes.of("a").blocking.remove("awaitLagBelow");
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the wave done");
    assertEquals(List.of(GroupPhase.DONE, GroupPhase.DONE), phases(done));
    assertEquals(
        1, fakes.log.stream().filter("a fenceRoutes"::equals).count(), "a ran once: " + fakes.log);
  }

  /**
   * Group "held", started alone and held at SWITCH past its point of no return, then a wave of it
   * and group "other" (concurrency 2, onFailure continue).
   */
  private WaveWorkflow waveAdoptingAHeldGroup() {
    WavePlan.WaveGroup held = group("held");
    MigrationWorkflow alone =
        client.newWorkflowStub(
            MigrationWorkflow.class, MigrationWorkflowOptions.forPlan(held.plan(), QUEUE));
    WorkflowClient.start(alone::run, held.plan(), null);
    fakes.of("held").failures.put("switchRoutes", 1);
    awaitGroup("held", CutoverStep.AWAIT_EXECUTE);
    groupStub("held").execute(new ExecuteRequest("alice", null));
    awaitHeld("held");
    return start(
        new WavePlan(
            "w",
            2,
            WavePlan.FailurePolicy.CONTINUE,
            WavePlan.ApprovalMode.GROUP,
            null,
            List.of(held, group("other"))));
  }

  private void awaitHeld(String name) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!groupStatus(name).held()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " never held: " + groupStatus(name));
      }
      sleep(50);
    }
  }
}
