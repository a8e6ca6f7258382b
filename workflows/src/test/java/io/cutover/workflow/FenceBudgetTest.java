package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.StepRecord;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** maxFencedDuration: nothing keeps clients fenced for ever before PROMOTE begins. */
class FenceBudgetTest extends CutoverScenario {

  @Test
  void lagThatNeverDrainsAfterTheFenceUnfencesAutomatically() {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.lagThreshold = 1000;
                      b.maxFenced = Duration.ofSeconds(3);
                    }));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.lag.put("payments", 500L); // under the threshold, but never reaches the zero PROMOTE needs
    fake.drainPerMeasurement = 0;

    execute(wf);
    awaitStep(wf, CutoverStep.PROMOTE);
    // The budget fires while a lag reading runs (real time, as in the test below), not in the
    // workflow task in which one completes: the test server refuses the cancel of an activity that
    // completed during that task and the run sticks, where a real server goes on
    // (temporalio/sdk-java#2391).
    fake.blocking.add("awaitLagBelow");
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    String cause = status.rollbacks().get(0).cause();
    assertTrue(cause.contains("maxFencedDuration (3s)"), cause);
    assertEquals(CutoverStep.PROMOTE, status.rollbacks().get(0).fromStep());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
    assertEquals(0, fake.count("promoteMirrors"));
    assertFalse(status.pointOfNoReturnPassed());
    assertTrue(
        status.steps().stream()
            .anyMatch(
                s -> s.step() == CutoverStep.PROMOTE && s.outcome() == StepRecord.Outcome.ABORTED));
  }

  @Test
  void aFenceRolloutThatOutlastsTheBudgetIsUndone() {
    // Time is real while an activity runs, so the budget here is short.
    var policies = Plans.policies(p -> p.with(b -> b.maxFenced = Duration.ofSeconds(2)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.blocking.add("fenceRoutes");

    execute(wf);
    awaitStep(wf, CutoverStep.FENCE);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(CutoverStep.FENCE, status.rollbacks().get(0).fromStep());
    assertTrue(fake.count("unfenceRoutes") >= 1);
  }
}
