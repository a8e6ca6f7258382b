package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Update validators refuse what the current step does not allow, saying why, and change nothing.
 */
class UpdateValidationTest extends CutoverScenario {

  private static PolicyOverrides overrides(Duration detect, FenceErrorCode code) {
    return PolicyOverrides.none()
        .with(PolicyCatalog.DETECT_UNROUTED_PRODUCERS_DURATION, detect)
        .with(PolicyCatalog.FENCE_ERROR_CODE, code);
  }

  @Test
  void invalidOverridesAreRefusedNamingTheFieldAndNothingStarts() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    var e =
        assertThrows(
            WorkflowUpdateException.class,
            () -> execute(wf, overrides(Duration.ofSeconds(3), null)));
    String msg = e.getCause().getMessage();
    assertTrue(
        msg.contains("overrides.detectUnroutedProducersDuration: must be at least 10s"), msg);
    assertEquals(CutoverStep.AWAIT_EXECUTE, wf.status().step());
    assertEquals(0, wf.status().attempt());
    assertEquals(1, fake.calls.size());
  }

  @Test
  void anExecuteReasonCarryingACredentialIsRefusedWithoutItsValue() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    String sentinel = "s3ntinel-execute-reason";
    var e =
        assertThrows(
            WorkflowUpdateException.class,
            () ->
                wf.execute(
                    new io.cutover.workflow.model.ExecuteRequest(
                        "alice", PolicyOverrides.none(), "see https://bob:" + sentinel + "@h:1")));
    String msg = e.getCause().getMessage();
    assertTrue(msg.contains("reason"), msg);
    assertFalse(msg.contains(sentinel), msg);
    assertEquals(0, wf.status().attempt());
  }

  @Test
  void overridesApplyToTheAttemptAndAreShownInStatus() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf, overrides(null, FenceErrorCode.NOT_LEADER_OR_FOLLOWER));
    result(wf);
    assertEquals(FenceErrorCode.NOT_LEADER_OR_FOLLOWER, fake.fenceCode);
    MigrationStatus s = wf.status();
    assertEquals(FenceErrorCode.NOT_LEADER_OR_FOLLOWER, s.policies().fenceErrorCode());
  }

  @Test
  void executeWhileAnAttemptRunsIsRefused() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("fenceRoutes");
    execute(wf);
    awaitStep(wf, CutoverStep.FENCE);
    var e = assertThrows(WorkflowUpdateException.class, () -> execute(wf));
    assertTrue(
        e.getCause().getMessage().contains("attempt 1 is already running (at FENCE)"),
        e.getCause().getMessage());
    fake.blocking.remove("fenceRoutes");
    result(wf);
    assertEquals(1, fake.count("fenceRoutes"));
  }

  @Test
  void withoutThePauseOptInTheLinkConfigIsNeverTouched() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    execute(wf);
    result(wf);
    assertEquals(0, fake.count("disableOffsetSync"));
    assertEquals(0, fake.count("restoreOffsetSync"));
  }

  @Test
  void reinitReplacesThePlanWhileIdleAndRefusesAnotherMigrationsName() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    ValidationReport r = wf.reinit(Plans.plan(List.of("t-new")));
    assertTrue(r.passed());
    assertEquals(1, wf.status().topicCount());

    var e =
        assertThrows(
            WorkflowUpdateException.class,
            () -> wf.reinit(Plans.plan("payments", topics(), Plans.policies(p -> p))));
    assertTrue(e.getCause().getMessage().contains("A different name is a different migration"));
  }

  @Test
  void reinitWithProblemsKeepsThePreviousPlan() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.validationProblems = List.of("spec.gateway.crs.initial: gateway confluent/typo not found");
    ValidationReport r = wf.reinit(Plans.plan(List.of("t-new")));
    assertFalse(r.passed());
    MigrationStatus s = wf.status();
    assertEquals(CutoverStep.AWAIT_EXECUTE, s.step());
    assertTrue(s.lastError().contains("typo not found"));

    fake.validationProblems = List.of();
    execute(wf);
    result(wf);
    assertEquals(List.of(3), fake.promoteBatchSizes, "the original three topics were cut over");
  }

  @Test
  void reinitDuringAnAttemptIsRefused() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("awaitLagBelow");
    execute(wf);
    awaitStep(wf, CutoverStep.WAIT_FOR_LAG);
    var e = assertThrows(WorkflowUpdateException.class, () -> wf.reinit(Plans.plan(topics())));
    assertTrue(e.getCause().getMessage().contains("roll it back first"), e.getCause().getMessage());
  }
}
