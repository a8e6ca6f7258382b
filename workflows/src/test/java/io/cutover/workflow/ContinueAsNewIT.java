package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.temporal.api.enums.v1.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * History stays bounded: the run continues as new at resting points, carrying what the next attempt
 * is owed and a compact record of the past (review C3).
 */
class ContinueAsNewIT extends CutoverScenario {

  private MigrationWorkflow startRequiringApproval() {
    var policies = Plans.policies(p -> p.with(b -> b.requireApproval = true));
    return startAndAwaitExecute(Plans.plan("orders", topics(), policies));
  }

  private void rollBackAtApproval(MigrationWorkflow wf, int attempt) {
    execute(wf);
    awaitStatus(
        wf,
        s -> s.attempt() == attempt && s.step() == CutoverStep.AWAIT_APPROVAL,
        "attempt " + attempt);
    rollback(wf);
    awaitStatus(
        wf,
        s -> s.attempt() == attempt && s.step() == CutoverStep.ROLLED_BACK,
        "rolled back " + attempt);
  }

  @Test
  void afterARollbackTheRunContinuesAsNewAndStatusStillTellsTheStory() {
    MigrationWorkflow wf = startRequiringApproval();
    rollBackAtApproval(wf, 1);

    MigrationStatus next = awaitStatus(wf, s -> s.run() == 2, "the second run");

    assertEquals(CutoverStep.ROLLED_BACK, next.step());
    assertEquals(1, next.attempt());
    assertEquals(1, next.rollbacks().size(), "the rollback is carried");
    assertTrue(
        next.steps().stream()
            .anyMatch(r -> r.attempt() == 1 && r.step() == CutoverStep.AWAIT_APPROVAL));
  }

  @Test
  void anApprovalGivenForTheNextAttemptSurvivesTheContinueAsNew() {
    MigrationWorkflow wf = startRequiringApproval();
    rollBackAtApproval(wf, 1);
    wf.approve(Actor.of("carol", "CHG-9 for attempt 2"));
    awaitStatus(wf, s -> s.run() == 2, "the second run");

    execute(wf);
    RunReport report = result(wf);

    assertEquals(2, report.attempts());
    assertEquals(2, report.runs());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway, "the carried approval counted");
  }

  @Test
  void anExecuteSentBeforeTheContinueAsNewIsCarriedAndItsAttemptRunsInTheNewRun() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    rollBackDuringTheLagWait(wf);

    execute(wf); // at once: the run has not continued as new yet

    RunReport report = result(wf);
    assertEquals(2, report.attempts());
    assertEquals(2, report.runs(), "attempt 2 ran in the continued run");
  }

  @Test
  void manyRolledBackAttemptsKeepEveryRunSmall() {
    MigrationWorkflow wf = startRequiringApproval();
    for (int attempt = 1; attempt <= 8; attempt++) {
      rollBackAtApproval(wf, attempt);
    }
    MigrationStatus last = awaitStatus(wf, s -> s.run() == 9, "the ninth run");
    assertEquals(8, last.rollbacks().size());

    String id = io.temporal.client.WorkflowStub.fromTyped(wf).getExecution().getWorkflowId();
    var events = client.fetchHistory(id).getEvents();
    assertTrue(events.size() < 60, "the latest run starts small: " + events.size() + " events");
    assertEquals(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, events.get(0).getEventType());
    env.sleep(Duration.ofSeconds(5));
  }
}
