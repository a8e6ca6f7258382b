package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowUpdateException;
import org.junit.jupiter.api.Test;

/**
 * A promote activity that fails has an unknown outcome: the workflow reads the mirror states and
 * compensates only when every topic is still ACTIVE (review finding C2).
 */
class LostPromoteAnswerTest extends CutoverScenario {

  @Test
  void aPromoteThatLandedButWhoseAnswerWasLostHoldsAndNeverUnfences() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.lostAnswers.put("promoteMirrors", 1);

    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");

    assertEquals(CutoverStep.PROMOTE, held.step());
    assertTrue(held.pointOfNoReturnPassed());
    assertEquals(
        FakeSystems.GatewayState.FENCED, fake.gateway, "clients are never sent back to the source");
    assertEquals(0, fake.count("unfenceRoutes"));
    assertEquals(1, fake.count("describeMirrors"));
    assertTrue(held.lastError().contains("may have been applied"), held.lastError());
    assertTrue(held.lastError().contains("3 PENDING_STOPPED"), held.lastError());

    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertTrue(fake.mirrorStatus.values().stream().allMatch("STOPPED"::equals));
  }

  @Test
  void aPromoteThatFailedWhileEveryMirrorIsStillActiveIsCompensated() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("promoteMirrors", 1);

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertFalse(status.pointOfNoReturnPassed());
    assertEquals(1, fake.count("describeMirrors"), "the states were read before compensating");
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
    assertTrue(
        status.notices().stream().anyMatch(n -> n.contains("was not applied")),
        status.notices().toString());
  }

  @Test
  void mirrorStatesThatProveNothingHoldInsteadOfCompensating() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.failures.put("promoteMirrors", 1);
    fake.mirrorStatus.put("payments", "FAILED");

    execute(wf);
    MigrationStatus held = awaitStatus(wf, MigrationStatus::held, "held");

    assertTrue(held.pointOfNoReturnPassed());
    assertEquals(0, fake.count("unfenceRoutes"));
    assertTrue(held.lastError().contains("payments=FAILED"), held.lastError());
  }

  @Test
  void rollbackIsRefusedWhileTheOutcomeOfAPromoteIsBeingRead() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.lostAnswers.put("promoteMirrors", 1);
    fake.blocking.add("describeMirrors");

    execute(wf);
    awaitStatus(wf, s -> fake.count("describeMirrors") > 0, "the mirror-state read");

    WorkflowUpdateException refused =
        assertThrows(WorkflowUpdateException.class, () -> rollback(wf));
    assertTrue(
        refused.getCause().getMessage().contains("in flight"), refused.getCause().getMessage());
    fake.blocking.clear();
    awaitStatus(wf, MigrationStatus::held, "held");
    assertEquals(0, fake.count("unfenceRoutes"));
  }
}
