package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wave starts its groups in order: each after the groups it names, never more than allowed. */
class WaveOrderTest extends WaveScenario {

  @Test
  void aGroupStartsOnlyAfterItsDependencyIsDoneAndNoMoreThanTheLimitRunAtOnce() {
    WaveWorkflow wf =
        start(
            wave(
                2,
                WavePlan.FailurePolicy.STOP,
                group("a"),
                group("b"),
                group("c"),
                group("d", "a")));
    WaveStatus ready = wf.status();
    assertEquals(WaveStep.AWAIT_EXECUTE, ready.step());
    assertEquals(
        List.of(GroupPhase.READY, GroupPhase.READY, GroupPhase.READY, GroupPhase.READY),
        phases(ready));
    assertEquals("the wave's execute", waiting(ready, "d"));

    fakes.of("a").blocking.add("awaitLagBelow"); // a stays in WAIT_FOR_LAG until released
    wf.execute(alice());
    awaitGroup("b", CutoverStep.DONE);
    WaveStatus whileAWaits =
        awaitWave(wf, s -> row(s, "c").phase() == GroupPhase.DONE, "c done while a waits for lag");
    assertEquals(GroupPhase.RUNNING, row(whileAWaits, "a").phase());
    assertEquals(GroupPhase.READY, row(whileAWaits, "d").phase());
    assertEquals("a to be DONE", waiting(whileAWaits, "d"));
    assertEquals(-1, fakes.first("d", "awaitLagBelow"), "d must not start before a is DONE");
    assertTrue(
        fakes.first("c", "awaitLagBelow") > fakes.last("b", "switchRoutes"),
        "with a and b running, c waits for b's slot: " + fakes.log);

    fakes.of("a").blocking.remove("awaitLagBelow");
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the wave done");
    assertEquals(
        List.of(GroupPhase.DONE, GroupPhase.DONE, GroupPhase.DONE, GroupPhase.DONE), phases(done));
    assertTrue(
        fakes.first("d", "fenceRoutes") > fakes.last("a", "switchRoutes"),
        "d fences only after a switched: " + fakes.log);
    assertTrue(maxConcurrentlyFenced() <= 2, "at most 2 groups at once: " + fakes.log);
  }

  @Test
  void theGroupsAreTheWavesChildrenWithTheIdsTheyHaveAloneAndTheWavesSearchAttribute() {
    WaveWorkflow wf = start(wave(1, WavePlan.FailurePolicy.STOP, group("orders")));
    assertEquals(WaveStep.AWAIT_EXECUTE, wf.status().step());
    var info =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId("migration-orders"))
                    .build())
            .getWorkflowExecutionInfo();
    assertEquals("wave-w", info.getParentExecution().getWorkflowId());
    assertTrue(
        info.getSearchAttributes().getIndexedFieldsMap().containsKey(WaveWorkflow.SEARCH_ATTRIBUTE),
        "the group carries the wave's search attribute");
    assertTrue(row(wf.status(), "orders").child());
  }

  /** Groups between their first fence and their switch, at most, over the whole log. */
  private int maxConcurrentlyFenced() {
    int now = 0;
    int max = 0;
    for (String entry : fakes.log) {
      if (entry.endsWith(" fenceRoutes")) {
        max = Math.max(max, ++now);
      } else if (entry.endsWith(" switchRoutes")) {
        now--;
      }
    }
    return max;
  }
}
