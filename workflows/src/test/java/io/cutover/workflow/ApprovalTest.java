package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.ApprovalTimeoutAction;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalTest extends CutoverScenario {

  private MigrationWorkflow startRequiringApproval(ApprovalTimeoutAction action) {
    var policies =
        Plans.policies(
            p ->
                p.with(
                    b -> {
                      b.requireApproval = true;
                      b.approvalTimeout = Duration.ofHours(1);
                      b.approvalAction = action;
                    }));
    return startAndAwaitExecute(Plans.plan("orders", topics(), policies));
  }

  @Test
  void theApprovalTimerIsCancelledOnceTheApprovalArrives() {
    MigrationWorkflow wf = startRequiringApproval(ApprovalTimeoutAction.ABORT);
    execute(wf);
    awaitStep(wf, CutoverStep.AWAIT_APPROVAL);
    wf.approve(Actor.of("carol", "CHG-7"));
    result(wf);

    var history =
        client.fetchHistory(
            io.temporal.client.WorkflowStub.fromTyped(wf).getExecution().getWorkflowId());
    var events = history.getHistory().getEventsList();
    var approvalTimers =
        events.stream()
            .filter(
                e ->
                    e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED)
            .filter(
                e ->
                    e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds() == 3600)
            .map(e -> e.getTimerStartedEventAttributes().getTimerId())
            .toList();
    assertEquals(1, approvalTimers.size(), "one approval timer was started");
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_CANCELED
                        && e.getTimerCanceledEventAttributes()
                            .getTimerId()
                            .equals(approvalTimers.get(0))),
        "and cancelled, not left pending for an hour");
  }

  @Test
  void waitsForApprovalBeforeFencingAndRecordsTheApprover() {
    MigrationWorkflow wf = startRequiringApproval(ApprovalTimeoutAction.ABORT);
    execute(wf);
    MigrationStatus waiting = awaitStep(wf, CutoverStep.AWAIT_APPROVAL);
    assertTrue(waiting.nextAction().contains("cutover approve orders"), waiting.nextAction());
    assertEquals(0, fake.count("fenceRoutes"), "nothing fenced before approval");

    var ack = wf.approve(Actor.of("carol", "CHG-42 approved by CAB"));
    assertTrue(ack.message().contains("fencing"), ack.message());
    RunReport report = result(wf);
    assertEquals("carol", report.approvals().get(0).who());
    assertEquals("CHG-42 approved by CAB", report.approvals().get(0).reason());
    assertNotNull(report.approvals().get(0).at());
  }

  @Test
  void approvalTimeoutWithAbortEndsTheAttemptWithoutFencing() {
    MigrationWorkflow wf = startRequiringApproval(ApprovalTimeoutAction.ABORT);
    execute(wf);
    awaitStep(wf, CutoverStep.AWAIT_APPROVAL);
    env.sleep(Duration.ofMinutes(61));
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertTrue(
        status.rollbacks().get(0).cause().contains("no approval within approvalTimeout (1h)"));
    assertEquals(0, fake.count("fenceRoutes"));
    assertEquals(0, fake.count("unfenceRoutes"), "nothing to undo");
  }

  @Test
  void approvalTimeoutWithKeepWaitingNeverProceedsAlone() {
    MigrationWorkflow wf = startRequiringApproval(ApprovalTimeoutAction.KEEP_WAITING);
    execute(wf);
    awaitStep(wf, CutoverStep.AWAIT_APPROVAL);
    env.sleep(Duration.ofHours(3));
    MigrationStatus status = awaitStatus(wf, s -> s.lastError() != null, "overdue noted");
    assertEquals(CutoverStep.AWAIT_APPROVAL, status.step());
    assertTrue(status.lastError().contains("still waiting"), status.lastError());
    assertEquals(0, fake.count("fenceRoutes"));

    wf.approve(Actor.of("carol", "late but fine"));
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void anApprovalSentBeforeTheApprovalStepIsKept() {
    MigrationWorkflow wf = startRequiringApproval(ApprovalTimeoutAction.ABORT);
    var ack = wf.approve(Actor.of("carol", "pre-approved for tonight"));
    assertTrue(ack.message().contains("recorded for attempt 1"), ack.message());

    execute(wf);
    RunReport report = result(wf);
    assertEquals(1, report.approvals().size());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void approvalAfterTheApprovalStepIsRefused() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("fenceRoutes");
    execute(wf);
    awaitStep(wf, CutoverStep.FENCE);
    WorkflowUpdateException e =
        assertThrows(
            WorkflowUpdateException.class, () -> wf.approve(Actor.of("carol", "too late")));
    assertTrue(
        e.getCause().getMessage().contains("already past AWAIT_APPROVAL"),
        e.getCause().getMessage());
    fake.blocking.remove("fenceRoutes");
    result(wf);
  }
}
