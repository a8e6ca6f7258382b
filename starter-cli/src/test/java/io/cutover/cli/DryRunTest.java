package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.workflow.CutoverStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --dry-run} (docs/runbook.md, "Dry run"): the checks a real run makes, on the worker, with
 * a verdict per check; the migration's own workflow is never started, and no write activity runs.
 */
class DryRunTest extends CliScenario {

  private static final List<String> WRITES =
      List.of(
          "fenceRoutes", "unfenceRoutes", "switchRoutes", "promoteMirrors", "disableOffsetSync");

  private void assertNothingWritten() {
    for (String w : WRITES) {
      assertEquals(0, fake.count(w), w + " ran: " + fake.calls);
    }
  }

  @Test
  void initDryRunChecksAGoodPlanAndStartsNothing() {
    CliRun r = cli("init", "-f", manifest.toString(), "--dry-run");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("Dry run of orders: nothing will be changed."), r.out());
    assertTrue(r.out().contains("✔ VALIDATE: "), r.out());
    assertTrue(r.out().contains("✔ topics: 2 ACTIVE mirror topic(s) in scope"), r.out());
    assertTrue(r.out().contains("CHECK_LAG would pass at once"), r.out());
    assertTrue(r.out().contains("✔ A real run would start. Nothing was changed."), r.out());
    assertEquals(List.of("validatePlan", "awaitLagBelow 0"), fake.calls);
    assertTrue(
        Migrations.describe(env.getWorkflowClient(), "orders").isEmpty(),
        "the migration's workflow was not started");
  }

  @Test
  void initDryRunOfARefusedPlanPrintsEveryProblemAndExitsOne() {
    fake.validationProblems =
        List.of(
            "topic orders is not an ACTIVE mirror (status: PAUSED)",
            "spec.gateway: route migration-route is already fenced");

    CliRun r = cli("init", "-f", manifest.toString(), "--dry-run");

    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.out().contains("✖ topic orders is not an ACTIVE mirror"), r.out());
    assertTrue(
        r.out().contains("✖ spec.gateway: route migration-route is already fenced"), r.out());
    assertTrue(r.out().contains("✖ A real run would be refused"), r.out());
    assertEquals(List.of("validatePlan"), fake.calls, "no lag reading once VALIDATE refuses");
    assertTrue(Migrations.describe(env.getWorkflowClient(), "orders").isEmpty());
  }

  @Test
  void executeDryRunChecksThePlanInForceWithTheOverridesAndSendsNoExecute() {
    assertEquals(ExitCodes.OK, cli("init", "-f", manifest.toString()).exit());
    fake.drainPerMeasurement = 0;
    fake.lag.put("orders", 700L);
    fake.calls.clear();

    CliRun r = cli("execute", "orders", "--dry-run", "--lag-threshold", "100");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(
        r.out().contains("⚠ lag: 1 of 2 topic(s) above 100 (total 700); a real run waits"),
        r.out());
    assertTrue(r.out().contains("    orders: 700"), r.out());
    assertTrue(
        r.out().contains("  per topic: 1 at lag 0, 0 within the threshold, 1 above it"), r.out());
    assertEquals(List.of("validatePlan", "awaitLagBelow 100"), fake.calls, "the override is used");
    var status = Migrations.status(env.getWorkflowClient(), "orders");
    assertEquals(0, status.attempt(), "no attempt was started");
    assertNothingWritten();
  }

  @Test
  void executeDryRunOfAHeldRetryChecksOnlyWhetherItsOverridesAreRetrySafe() {
    assertEquals(ExitCodes.OK, cli("init", "-f", manifest.toString()).exit());
    fake.failures.put("switchRoutes", 1);
    assertEquals(ExitCodes.FAILED, cli("execute", "orders").exit());
    assertTrue(Migrations.status(env.getWorkflowClient(), "orders").held());
    fake.calls.clear();

    CliRun unsafe =
        cli("execute", "orders", "--dry-run", "--fence-error-code", "LEADER_NOT_AVAILABLE");
    CliRun safe = cli("execute", "orders", "--dry-run", "--rollout-timeout", "5m");

    assertEquals(ExitCodes.FAILED, unsafe.exit(), unsafe.all());
    assertTrue(unsafe.out().contains("is held at SWITCH"), unsafe.out());
    assertTrue(
        unsafe.out().contains("✖ --fence-error-code: a retry may change only promoteBatchSize"),
        unsafe.out());
    assertEquals(ExitCodes.OK, safe.exit(), safe.all());
    assertTrue(
        safe.out().contains("✔ The retry would be accepted. Nothing was changed."), safe.out());
    assertEquals(List.of(), fake.calls, "no activity ran");
    assertTrue(Migrations.status(env.getWorkflowClient(), "orders").held(), "still held");
  }

  @Test
  void executeDryRunOfACompleteCutoverIsRefusedBeforeAnythingElse() {
    assertEquals(ExitCodes.OK, cli("init", "-f", manifest.toString()).exit());
    assertEquals(ExitCodes.OK, cli("execute", "orders").exit());
    assertEquals(CutoverStep.DONE, Migrations.status(env.getWorkflowClient(), "orders").step());

    CliRun r = cli("execute", "orders", "--dry-run");

    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.out().contains("✖ execute: the cutover is already complete"), r.out());
    assertFalse(r.out().contains("A real run would start"), r.out());
  }
}
