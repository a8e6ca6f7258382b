package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An abort belongs to the attempt it stopped: a later reinit or execute never sees it, and no
 * Update handler can fail a workflow task (review finding C1). Before the fix a reinit never
 * returned, so each test has a deadline.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReinitAfterAbortTest extends CutoverScenario {

  @Test
  void reinitAfterARollbackValidatesTheNewPlanAndTheNextExecuteCompletes() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    rollBackDuringTheLagWait(wf);

    ValidationReport report = wf.reinit(Plans.plan(topics()));

    assertTrue(report.passed(), report.problemsText());
    assertEquals(CutoverStep.AWAIT_EXECUTE, wf.status().step());
    execute(wf);
    RunReport done = result(wf);
    assertEquals(2, done.attempts());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void reinitAfterAFenceBudgetAbortValidatesAndTheNextExecuteCompletes() {
    var policies = Plans.policies(p -> p.with(b -> b.maxFenced = Duration.ofSeconds(2)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.blocking.add("fenceRoutes");
    execute(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);
    fake.blocking.clear();

    ValidationReport report = wf.reinit(Plans.plan("orders", topics(), policies));

    assertTrue(report.passed(), report.problemsText());
    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void executeAfterARollbackIsNotAbortedByTheOldRollback() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    rollBackDuringTheLagWait(wf);

    execute(wf);

    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void anUnexpectedExceptionInAHandlerFailsThatUpdateOnlyAndTheRunGoesOn() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.validationReturnsNull = true; // a broken activity result: the handler trips over it

    WorkflowUpdateException failed =
        assertThrows(WorkflowUpdateException.class, () -> wf.reinit(Plans.plan(topics())));

    String why = failed.getCause().getMessage();
    assertTrue(why.contains("reinit failed unexpectedly"), why);
    MigrationStatus status = wf.status();
    assertEquals(CutoverStep.AWAIT_EXECUTE, status.step(), "the previous plan stays in force");
    fake.validationReturnsNull = false;
    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }
}
