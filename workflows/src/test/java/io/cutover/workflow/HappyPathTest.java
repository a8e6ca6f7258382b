package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HappyPathTest extends CutoverScenario {

  @Test
  void runsEveryStepFromValidateToDoneAndReportsTimings() {
    fake.lag.put("orders", 500L);
    fake.drainPerMeasurement = 200; // three measurements until orders reaches 0
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(30));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));

    execute(wf);
    RunReport report = result(wf);

    List<CutoverStep> ran =
        report.steps().stream()
            .filter(s -> s.outcome() == Outcome.OK)
            .map(StepRecord::step)
            .toList();
    assertEquals(
        List.of(
            CutoverStep.VALIDATE,
            CutoverStep.AWAIT_EXECUTE,
            CutoverStep.VALIDATE,
            CutoverStep.WAIT_FOR_LAG,
            CutoverStep.FENCE,
            CutoverStep.VERIFY_FENCE, // in start order: the window opens, then the drain beside it
            CutoverStep.PAUSE_OFFSET_SYNC,
            CutoverStep.PROMOTE,
            CutoverStep.SWITCH,
            CutoverStep.RESTORE_OFFSET_SYNC,
            CutoverStep.DONE),
        ran);
    report.steps().forEach(s -> assertTrue(s.durationMillis() >= 0, "step has an end: " + s));
    assertNotNull(report.fencedWindow());
    assertTrue(report.fencedWindow().millis() >= 0);
    assertEquals(3, report.promotedTopics());
    assertEquals(1, report.attempts());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    assertTrue(fake.offsetSyncEnabled, "offset sync restored after the switch");
    assertTrue(fake.mirrorStatus.values().stream().allMatch("STOPPED"::equals));
  }

  @Test
  void callsTheSystemsInStepOrderWithTheFenceCheckedBeforeEachFencedStep() {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(10));
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan("orders", topics(), policies));
    execute(wf);
    result(wf);

    List<String> calls = new java.util.ArrayList<>(fake.callNames());
    // The window runs while PAUSE_OFFSET_SYNC checks the fence and drains, and the two checks at
    // the end of PROMOTE run together: each pair races.
    calls.subList(5, 7).sort(null);
    calls.subList(13, 15).sort(null);
    // After DONE the source is watched; the tests' plans check once, at DONE.
    assertEquals(1, java.util.Collections.frequency(calls, "recheckStrandedWrites"));
    calls.removeIf("recheckStrandedWrites"::equals);
    assertEquals(
        List.of(
            "validatePlan",
            "validatePlan",
            "awaitLagBelow",
            "fenceRoutes",
            "assertFenced",
            "assertFenced",
            "detectUnroutedProducers",
            "drainOffsetSync",
            "disableOffsetSync",
            "assertFenced",
            "awaitLagBelow",
            "promoteMirrors",
            "awaitMirrorsStopped",
            "findStrandedWrites",
            "handOffConsumerOffsets",
            "switchRoutes",
            "restoreOffsetSync"),
        calls);
    assertEquals(0, fake.count("unfenceRoutes"), "a successful run never unfences to the source");
  }

  @Test
  void publishesTheStepAsSearchAttributeAndStatusShowsTheNextAction() {
    MigrationWorkflow wf = startAndAwaitExecute(Plans.plan(topics()));
    MigrationStatus waiting = wf.status();
    assertTrue(waiting.nextAction().contains("cutover execute orders"), waiting.nextAction());
    assertEquals(3, waiting.topicCount());
    assertTrue(
        waiting.notices().stream().anyMatch(n -> n.contains("NOT retriable for the Java client")),
        "the default fence error code's effect on Java producers is said: " + waiting.notices());
    assertEquals("AWAIT_EXECUTE", searchAttribute(wf));

    execute(wf);
    result(wf);
    assertEquals("DONE", searchAttribute(wf));
    assertEquals(CutoverStep.DONE, wf.status().step());
  }

  private String searchAttribute(MigrationWorkflow wf) {
    var execution = WorkflowStub.fromTyped(wf).getExecution();
    var response =
        env.getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(execution)
                    .build());
    var payload =
        response
            .getWorkflowExecutionInfo()
            .getSearchAttributes()
            .getIndexedFieldsOrThrow(MigrationWorkflow.SEARCH_ATTRIBUTE);
    return payload.getData().toStringUtf8().replace("\"", "");
  }
}
