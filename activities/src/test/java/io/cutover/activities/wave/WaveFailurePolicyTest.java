package io.cutover.activities.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.FakeSystems;
import io.cutover.workflow.Plans;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.wave.GroupPhase;
import io.cutover.workflow.wave.WavePlan;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.cutover.workflow.wave.WaveWorkflow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group rolled back by a rogue producer: with {@code onFailure: stop} the wave starts no other
 * group; with {@code continue} it starts those that do not depend on it. Either way the next
 * execute of the wave starts the groups not yet DONE.
 */
class WaveFailurePolicyTest extends WaveScenario {
  /**
   * The shortest unrouted-producer window: the wave's polls keep the test server from skipping it.
   */
  private static final Policies VERIFY = Plans.bothPassiveWaits(Duration.ofSeconds(10));

  private void rogueProducerOn(String group) {
    fakes.of(group).unroutedViolations =
        List.of("topic " + group + "-1 partition 0: offset 10 -> 40 (+30, ~3.0 msg/s)");
  }

  @Test
  void stopStartsNoFurtherGroupAndTheNextExecuteResumesWithTheGroupsNotDone() {
    WaveWorkflow wf =
        start(
            wave(
                1,
                WavePlan.FailurePolicy.STOP,
                group("a", VERIFY),
                group("b", VERIFY),
                group("c", VERIFY)));
    rogueProducerOn("b");
    wf.execute(alice());
    WaveStatus stopped =
        awaitWave(
            wf,
            s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1,
            "the wave stopped after b rolled back");
    assertEquals(
        List.of(GroupPhase.DONE, GroupPhase.ROLLED_BACK, GroupPhase.READY), phases(stopped));
    assertEquals(-1, fakes.first("c", "fenceRoutes"), "c was never fenced: " + fakes.log);
    assertEquals(FakeSystems.GatewayState.INITIAL, fakes.of("b").gateway, "b back on the source");
    assertTrue(stopped.lastError().contains("onFailure is stop"), stopped.lastError());
    assertTrue(stopped.lastError().contains("ROLLED_BACK: b"), stopped.lastError());

    awaitGroupRun("b", 2); // b continued as new after its rollback
    var attributes =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId("migration-b"))
                    .build())
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsMap();
    assertTrue(
        attributes.containsKey(io.cutover.workflow.wave.WaveWorkflow.SEARCH_ATTRIBUTE),
        "b's new run is still listed with its wave: " + attributes.keySet());
    fakes.of("b").unroutedViolations = List.of(); // the rogue producer now goes through the gateway
    wf.execute(alice());
    WaveStatus done = awaitWave(wf, s -> s.step() == WaveStep.DONE, "the second attempt");
    assertEquals(List.of(GroupPhase.DONE, GroupPhase.DONE, GroupPhase.DONE), phases(done));
    assertEquals(2, done.attempt());
    assertEquals(2, done.run(), "the wave continued as new between its attempts");
    assertEquals(
        1,
        fakes.log.stream().filter("a fenceRoutes"::equals).count(),
        "a, DONE in attempt 1, is not cut over again");
  }

  @Test
  void continueStartsTheIndependentGroupsAndBlocksTheDependentOnes() {
    WaveWorkflow wf =
        start(
            wave(
                1,
                WavePlan.FailurePolicy.CONTINUE,
                group("a", VERIFY),
                group("b", VERIFY),
                group("c", VERIFY, "b"),
                group("d", VERIFY)));
    rogueProducerOn("b");
    wf.execute(alice());
    WaveStatus rested =
        awaitWave(
            wf, s -> s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() == 1, "the attempt ended");
    assertEquals(
        List.of(GroupPhase.DONE, GroupPhase.ROLLED_BACK, GroupPhase.READY, GroupPhase.DONE),
        phases(rested));
    assertEquals(-1, fakes.first("c", "awaitLagBelow"), "c, after b, never started");
    assertTrue(
        fakes.first("d", "fenceRoutes") > fakes.last("b", "unfenceRoutes"),
        "d started after b rolled back: " + fakes.log);
  }

  private void awaitGroupRun(String name, int run) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (groupStub(name).status().run() < run) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not continue as new");
      }
      sleep(50);
    }
  }
}
