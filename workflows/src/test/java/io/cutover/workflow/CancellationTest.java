package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Cancelling the workflow (CLI or Web UI) compensates before PROMOTE and finishes after it. */
class CancellationTest extends CutoverScenario {

  @Test
  void cancelBeforePromoteCompensatesLikeRollbackAndEndsCancelled() {
    var policies = Plans.policies(p -> p.with(b -> b.detect = Duration.ofSeconds(10)));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    fake.blocking.add("detectUnroutedProducers");
    execute(wf);
    awaitStep(wf, CutoverStep.VERIFY_FENCE);

    WorkflowStub.fromTyped(wf).cancel();

    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    assertEquals(
        FakeSystems.GatewayState.INITIAL, fake.gateway, "unfenced before the workflow ended");
    assertEquals(1, fake.count("unfenceRoutes"));
    assertEquals(1, fake.count("confirmTrafficFlows"));
  }

  @Test
  void cancelAfterThePointOfNoReturnFinishesTheCutoverAndSaysSo() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("awaitMirrorsStopped");
    execute(wf);
    awaitStatus(wf, MigrationStatus::pointOfNoReturnPassed, "point of no return");

    WorkflowStub.fromTyped(wf).cancel();
    awaitStatus(
        wf,
        s -> s.notices().stream().anyMatch(n -> n.startsWith("Cancel requested")),
        "cancel noted");
    fake.blocking.remove("awaitMirrorsStopped");

    // The Java SDK closes any execution that saw a cancel request as Canceled, even one that ran to
    // the
    // end, so the cutover's outcome is read from status (queries work on closed workflows).
    WorkflowFailedException closed = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertInstanceOf(CanceledFailure.class, closed.getCause());
    MigrationStatus finished = wf.status();
    assertEquals(CutoverStep.DONE, finished.step(), "the cutover ran to completion");
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertEquals(0, fake.count("unfenceRoutes"));
    assertTrue(
        finished.notices().stream().anyMatch(n -> n.contains("runs to completion")),
        finished.notices().toString());
  }

  @Test
  void aCancelThatArrivesWhileTheFirstPromoteIsInFlightIsNotedWhenThatPromoteIsAccepted() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.blocking.add("promoteMirrors");
    execute(wf);
    awaitStatus(wf, s -> fake.count("promoteMirrors") > 0, "the promote in flight");

    WorkflowStub.fromTyped(wf).cancel();
    awaitStatus(wf, s -> s.step() == CutoverStep.PROMOTE, "still promoting");
    fake.blocking.remove("promoteMirrors");
    assertThrows(WorkflowFailedException.class, () -> result(wf));

    MigrationStatus finished = wf.status();
    assertEquals(CutoverStep.DONE, finished.step());
    assertEquals(0, fake.count("unfenceRoutes"));
    assertTrue(
        finished.notices().stream()
            .anyMatch(
                n ->
                    n.contains("arrived while the promote was in flight")
                        && n.contains("was not carried out")),
        "the dropped abort is explained: " + finished.notices());
  }

  @Test
  void cancelWhileWaitingForExecuteEndsTheWorkflowWithoutTouchingAnything() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    WorkflowStub.fromTyped(wf).cancel();
    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    assertInstanceOf(CanceledFailure.class, e.getCause());
    assertEquals(1, fake.calls.size(), "only the init validation ran: " + fake.calls);
  }
}
