package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationFailureTest extends CutoverScenario {

  @Test
  void problemsEndTheWorkflowInFailedListingAllOfThemBeforeAnythingChanges() {
    fake.validationProblems =
        List.of(
            "topic orders is not an ACTIVE mirror (status: PAUSED)",
            "the switchover gateway CR references 1 secret(s) that do not exist in namespace confluent: plain-jaas");
    MigrationWorkflow wf = start(Plans.plan(topics()));

    WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> result(wf));
    ApplicationFailure cause = (ApplicationFailure) e.getCause();
    assertEquals("ValidationFailed", cause.getType());
    assertTrue(
        cause.getOriginalMessage().startsWith("2 problem(s) found:"), cause.getOriginalMessage());
    assertTrue(cause.getOriginalMessage().contains("PAUSED"));
    assertTrue(cause.getOriginalMessage().contains("plain-jaas"));
    assertEquals(List.of("validatePlan"), fake.callNames(), "nothing but validation ran");
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
    MigrationStatus status = wf.status();
    assertEquals(CutoverStep.FAILED, status.step());
    assertEquals(2, status.validation().problems().size());
  }

  @Test
  void problemsFoundWhenExecuteRevalidatesChangeNothingAndWaitForTheNextExecute() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    fake.validationProblems =
        List.of("cluster link src-to-cc is FAILED (link_error AUTHENTICATION_ERROR)");

    execute(wf);
    MigrationStatus status =
        awaitStatus(
            wf,
            s -> s.attempt() == 1 && s.step() == CutoverStep.AWAIT_EXECUTE,
            "attempt 1 back at AWAIT_EXECUTE");
    assertTrue(status.lastError().contains("AUTHENTICATION_ERROR"), status.lastError());
    assertEquals(List.of("validatePlan", "validatePlan"), fake.callNames());

    fake.validationProblems = List.of();
    execute(wf);
    result(wf);
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }
}
