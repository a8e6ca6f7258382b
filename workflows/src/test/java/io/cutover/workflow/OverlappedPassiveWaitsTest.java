package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offset-sync drain and the unrouted-producer window run at the same time while clients are
 * fenced, so the window pays the longer of the two; both verdicts are still needed before PROMOTE,
 * and whatever aborts the attempt cancels both (docs/architecture.md, "The steps").
 */
class OverlappedPassiveWaitsTest extends CutoverScenario {

  private MigrationWorkflow startWithBothWaits() {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(10));
    return startAndAwaitExecute(Plans.plan("orders", topics(), policies));
  }

  private static StepRecord record(MigrationStatus s, CutoverStep step) {
    return s.steps().stream()
        .filter(r -> r.step() == step && r.attempt() == s.attempt())
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + step + " record in " + s.steps()));
  }

  @Test
  void theUnroutedProducerWindowRunsWhileTheOffsetSyncDrains() {
    MigrationWorkflow wf = startWithBothWaits();
    fake.blocking.add("drainOffsetSync");

    execute(wf);
    awaitStatus(
        wf,
        s -> fake.count("detectUnroutedProducers") == 1,
        "the unrouted-producer window to start while the drain is still running");
    assertEquals(CutoverStep.PAUSE_OFFSET_SYNC, wf.status().step(), "the drain is the step shown");
    assertEquals(
        Outcome.RUNNING,
        record(wf.status(), CutoverStep.VERIFY_FENCE).outcome(),
        "VERIFY_FENCE's record is open alongside");
    fake.blocking.clear();
    result(wf);

    MigrationStatus done = wf.status();
    StepRecord pause = record(done, CutoverStep.PAUSE_OFFSET_SYNC);
    StepRecord verify = record(done, CutoverStep.VERIFY_FENCE);
    assertEquals(Outcome.OK, verify.outcome());
    assertFalse(verify.startedAt().isAfter(pause.startedAt()), "the window began with the drain");
    List<String> calls = fake.callNames();
    assertTrue(
        calls.indexOf("disableOffsetSync") < calls.indexOf("promoteMirrors"),
        "PROMOTE waited for the pause: " + calls);
  }

  @Test
  void producersFoundDuringTheDrainRollBackFromVerifyFenceAndRestoreTheSync() {
    MigrationWorkflow wf = startWithBothWaits();
    fake.unroutedViolations = List.of("topic orders partition 0: offset 7 -> 9 (+2, ~0.2 msg/s)");

    execute(wf);
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(CutoverStep.VERIFY_FENCE, rolledBack.rollbacks().get(0).fromStep());
    assertTrue(
        rolledBack.rollbacks().get(0).cause().startsWith("unrouted producers detected"),
        rolledBack.rollbacks().get(0).cause());
    assertEquals(0, fake.count("promoteMirrors"), "no verdict, no promote");
    assertTrue(fake.offsetSyncEnabled, "the paused sync was restored: " + fake.timeline);
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "unfenced");
  }

  @Test
  void aRollbackDuringTheDrainCancelsTheWindowToo() {
    MigrationWorkflow wf = startWithBothWaits();

    MigrationStatus rolledBack = rollBackDuringBothPassiveWaits(wf);

    assertEquals(
        2, cancelRequests(wf), "the drain and the window were both cancelled: " + rolledBack);
    assertEquals(Outcome.ABORTED, record(rolledBack, CutoverStep.VERIFY_FENCE).outcome());
    assertTrue(
        rolledBack.steps().stream().noneMatch(r -> r.outcome() == Outcome.RUNNING),
        "no record left open: " + rolledBack.steps());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "unfenced");
  }

  @Test
  void aDrainThatFailsCancelsTheWindowAndClosesItsRecord() {
    MigrationWorkflow wf = startWithBothWaits();
    fake.blocking.add("detectUnroutedProducers");
    fake.offsetSyncEnabled = false; // turned off by someone after VALIDATE: the drain refuses

    execute(wf);
    MigrationStatus rolledBack = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(CutoverStep.PAUSE_OFFSET_SYNC, rolledBack.rollbacks().get(0).fromStep());
    assertEquals(1, cancelRequests(wf), "the window was cancelled: " + rolledBack);
    StepRecord verify = record(rolledBack, CutoverStep.VERIFY_FENCE);
    assertEquals(Outcome.ABORTED, verify.outcome());
    assertTrue(
        verify.detail().startsWith("not finished: PAUSE_OFFSET_SYNC failed"), verify.detail());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "unfenced");
  }

  private long cancelRequests(MigrationWorkflow wf) {
    String id = WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    return client.fetchHistory(id).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED)
        .count();
  }
}
