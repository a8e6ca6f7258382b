package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rollback Update: accepted before the first accepted promote, refused after it. */
class RollbackUpdateTest extends CutoverScenario {

  private MigrationWorkflow startFullPlan() {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.pause = true;
                      b.detect = Duration.ofSeconds(10);
                      b.requireApproval = true;
                    }));
    return startAndAwaitExecute(Plans.plan("orders", topics(), policies));
  }

  @ParameterizedTest(name = "rollback while blocked in {0} at {1}")
  @CsvSource({
    "awaitLagBelow, WAIT_FOR_LAG, INITIAL",
    "'', AWAIT_APPROVAL, INITIAL",
    "fenceRoutes, FENCE, INITIAL",
    "drainOffsetSync, PAUSE_OFFSET_SYNC, INITIAL",
    "detectUnroutedProducers, VERIFY_FENCE, INITIAL",
  })
  void rollbackBeforePromoteUnfencesGateway(
      String blockIn, CutoverStep step, FakeSystems.GatewayState after) {
    MigrationWorkflow wf = startFullPlan();
    if (!blockIn.isEmpty()) {
      fake.blocking.add(blockIn);
    }
    if (step.ordinal() > CutoverStep.AWAIT_APPROVAL.ordinal()) {
      wf.approve(Actor.of("carol", "change ticket CHG-1"));
    }
    execute(wf);
    awaitStep(wf, step);

    var ack = wf.rollback(Actor.of("bob", "customer escalation"));
    assertTrue(ack.message().startsWith("rollback accepted at " + step), ack.message());
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(after, fake.gateway, "clients are on the source");
    assertTrue(fake.offsetSyncEnabled);
    var rollback = status.rollbacks().get(0);
    assertEquals(step, rollback.fromStep());
    assertEquals("bob", rollback.requestedBy().who());
    assertTrue(rollback.cause().contains("customer escalation"));
    if (step.ordinal() >= CutoverStep.FENCE.ordinal()) {
      assertTrue(fake.count("unfenceRoutes") >= 1, "fence undone: " + fake.calls);
    }
    assertEquals(0, fake.count("promoteMirrors"));
  }

  @Test
  void rollbackAfterTheFirstAcceptedPromoteIsRefusedWithTheReasonAndTheRunGoesOn() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("awaitMirrorsStopped");
    execute(wf);
    awaitStatus(wf, MigrationStatus::pointOfNoReturnPassed, "point of no return");

    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> rollback(wf));
    String reason = refused.getCause().getMessage();
    assertTrue(reason.contains("a promote was accepted"), reason);
    assertTrue(reason.contains("reverse direction"), "the manual way back is given: " + reason);

    fake.blocking.remove("awaitMirrorsStopped");
    RunReport report = result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(0, fake.count("unfenceRoutes"));
    assertTrue(report.rollbacks().isEmpty());
  }

  @Test
  void rollbackWithNoAttemptRunningIsRefused() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> rollback(wf));
    assertTrue(
        refused.getCause().getMessage().contains("nothing to roll back"),
        refused.getCause().getMessage());
  }

  @Test
  void rollbackWithoutWhoIsRefusedAndChangesNothing() {
    MigrationWorkflow wf = startFullPlan();
    fake.blocking.add("awaitLagBelow");
    execute(wf);
    awaitStep(wf, CutoverStep.WAIT_FOR_LAG);
    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> wf.rollback(Actor.of(" ", "x")));
    assertTrue(refused.getCause().getMessage().contains("who is required"));
    assertEquals(CutoverStep.WAIT_FOR_LAG, wf.status().step());
    assertTrue(wf.status().rollbacks().isEmpty());
  }
}
