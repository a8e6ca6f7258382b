package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.RunReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A step before PROMOTE that fails compensates in reverse and waits for the operator's execute. */
class PrePromoteFailureCompensationTest extends CutoverScenario {

  private MigrationWorkflow startWithEveryOptionalStep() {
    var policies = Plans.bothPassiveWaits(Duration.ofSeconds(10));
    return startAndAwaitExecute(Plans.plan("orders", topics(), policies));
  }

  @ParameterizedTest(name = "{0} fails -> {1}")
  @CsvSource({
    "awaitLagBelow, WAIT_FOR_LAG, ''",
    "fenceRoutes, FENCE, unfenceRoutes confirmTrafficFlows",
    "disableOffsetSync, PAUSE_OFFSET_SYNC, restoreOffsetSync unfenceRoutes confirmTrafficFlows",
    "detectUnroutedProducers, VERIFY_FENCE, restoreOffsetSync unfenceRoutes confirmTrafficFlows",
  })
  void failedStepCompensatesInReverseThenExecuteCompletes(
      String method, CutoverStep step, String undo) {
    MigrationWorkflow wf = startWithEveryOptionalStep();
    fake.failures.put(method, 1);

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    List<String> expectedUndo = undo.isBlank() ? List.of() : List.of(undo.split(" "));
    List<String> calls = fake.callNames();
    int failedAt = calls.lastIndexOf(method);
    List<String> after = new java.util.ArrayList<>(calls.subList(failedAt + 1, calls.size()));
    if (step == CutoverStep.VERIFY_FENCE) {
      // The window runs alongside the pause, which finishes before the verdict is taken.
      after.removeAll(List.of("assertFenced", "drainOffsetSync", "disableOffsetSync"));
    }
    assertEquals(expectedUndo, after, "compensation in reverse order");
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway, "clients are back on the source");
    assertTrue(fake.offsetSyncEnabled, "offset sync is on again");
    assertEquals(step, status.rollbacks().get(0).fromStep());
    assertTrue(
        status.rollbacks().get(0).cause().contains("injected failure in " + method),
        status.rollbacks().get(0).cause());
    assertTrue(status.nextAction().contains("cutover execute orders"), status.nextAction());

    execute(wf);
    RunReport report = result(wf);
    assertEquals(2, report.attempts(), "one workflow keeps the whole story of the group");
    assertEquals(1, report.rollbacks().size());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
    long validations = fake.count("validatePlan");
    assertEquals(3, validations, "init, attempt 1 and the re-validation of attempt 2");
  }

  @Test
  void promoteFailingBeforeAnyAcceptanceStillCompensates() {
    MigrationWorkflow wf = startWithEveryOptionalStep();
    fake.failures.put("promoteMirrors", 1);

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertFalse(status.pointOfNoReturnPassed());
    assertEquals(CutoverStep.PROMOTE, status.rollbacks().get(0).fromStep());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
    assertTrue(
        fake.mirrorStatus.values().stream().allMatch("ACTIVE"::equals), "nothing was promoted");
  }

  @Test
  void offsetSyncTurnedOffByAnOperatorIsNotTurnedBackOnByTheRollback() {
    MigrationWorkflow wf = startWithEveryOptionalStep();
    fake.failures.put("drainOffsetSync", 1);
    fake.failureType.put("drainOffsetSync", "StateDrift");

    execute(wf);
    MigrationStatus status = awaitStep(wf, CutoverStep.ROLLED_BACK);

    assertEquals(0, fake.count("restoreOffsetSync"), "the operator's setting is left alone");
    assertEquals(1, fake.count("unfenceRoutes"));
    assertTrue(
        status.notices().stream().anyMatch(n -> n.contains("left as it is")),
        status.notices().toString());
  }

  @Test
  void transientFailuresAreRetriedByTemporalWithoutCompensating() {
    MigrationWorkflow wf = startWithEveryOptionalStep();
    fake.retryable.add("fenceRoutes");
    fake.failures.put("fenceRoutes", 2);

    execute(wf);
    RunReport report = result(wf);

    assertEquals(3, fake.count("fenceRoutes"), "two failures, then success on the third attempt");
    assertEquals(0, fake.count("unfenceRoutes"));
    assertTrue(report.rollbacks().isEmpty());
  }

  @Test
  void aCompensationThatKeepsFailingHoldsAndIsRetriedByRollback() {
    MigrationWorkflow wf = startWithEveryOptionalStep();
    fake.failures.put("disableOffsetSync", 1);
    fake.failures.put("unfenceRoutes", 1);

    execute(wf);
    MigrationStatus held =
        awaitStatus(
            wf,
            s -> s.lastError() != null && s.lastError().startsWith("rollback incomplete"),
            "incomplete rollback");
    assertTrue(held.nextAction().contains("clients may still be fenced"), held.nextAction());
    assertEquals(FakeSystems.GatewayState.FENCED, fake.gateway);

    rollback(wf);
    awaitStep(wf, CutoverStep.ROLLED_BACK);
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
    assertEquals(2, fake.count("unfenceRoutes"));
  }
}
