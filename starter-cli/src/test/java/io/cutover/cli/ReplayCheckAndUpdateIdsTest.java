package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowImpl;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.Plans;
import io.cutover.workflow.model.Continuation;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.RunReport;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pre-deploy gate (review M1) and Updates that a retried command cannot count twice (m2); live
 * lag from the running activity's heartbeat (C3: lag waits are hour-long activities).
 */
class ReplayCheckAndUpdateIdsTest extends CliScenario {

  /** A different workflow under the same type name: it sleeps first, so its histories differ. */
  public static class TimerFirstWorkflow extends MigrationWorkflowImpl {
    @Override
    public RunReport run(MigrationPlan plan, Continuation carried) {
      io.temporal.workflow.Workflow.sleep(Duration.ofMillis(10));
      return super.run(plan, carried);
    }
  }

  @Test
  void replayCheckPassesWhenEveryOpenMigrationReplaysOnThisBuild() {
    assertEquals(ExitCodes.OK, cli("init", "-f", manifest.toString()).exit());

    CliRun r = cli("replay-check");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("✔ orders: replays"), r.out());
    assertTrue(r.out().contains("All 1 open migration(s) replay on this build."), r.out());
  }

  @Test
  void replayCheckFailsNamingTheMigrationWhoseHistoryThisBuildCannotReplay() throws Exception {
    WorkflowClient client = env.getWorkflowClient();
    WorkerFactory other = WorkerFactory.newInstance(client);
    other.newWorker("other-build").registerWorkflowImplementationTypes(TimerFirstWorkflow.class);
    other.newWorker("other-build").registerActivitiesImplementations(fake);
    other.start();
    try {
      MigrationPlan plan =
          Plans.plan("legacy", List.of("orders"), io.cutover.workflow.model.Policies.defaults());
      MigrationWorkflow wf =
          client.newWorkflowStub(
              MigrationWorkflow.class, MigrationWorkflowOptions.forPlan(plan, "other-build"));
      WorkflowClient.start(wf::run, plan, null);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (wf.status().step() != CutoverStep.AWAIT_EXECUTE && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }

      CliRun r = cli("replay-check");

      assertEquals(ExitCodes.FAILED, r.exit(), r.all());
      assertTrue(r.out().contains("✖ legacy: does not replay on this build"), r.out());
      assertTrue(r.out().contains("1 of 1 open migration(s) would fail"), r.out());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void anApproveSentTwiceIsRecordedOnce() throws Exception {
    cli("init", "-f", manifest.toString());

    assertEquals(
        ExitCodes.OK, cli("approve", "orders", "--as", "carol", "--reason", "CHG-1").exit());
    assertEquals(
        ExitCodes.OK, cli("approve", "orders", "--as", "carol", "--reason", "CHG-1").exit());

    var status = Printer.JSON.readTree(cli("status", "orders", "--json").out());
    assertEquals(
        1,
        status.path("approvals").size(),
        "the retried approve was deduplicated: " + status.path("approvals"));
  }

  @Test
  void statusShowsTheLagTheRunningLagActivityHeartbeats() {
    fake.lag.put("orders", 4242L);
    fake.blocking.add("awaitLagBelow");
    cli("init", "-f", manifest.toString());
    assertEquals(ExitCodes.OK, cli("execute", "orders", "--detach").exit());

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String out = "";
    while (System.nanoTime() < deadline) {
      out = cli("status", "orders").out();
      if (out.contains("4,242")) {
        break;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    assertTrue(out.contains("Step:        WAIT_FOR_LAG"), out);
    assertTrue(out.contains("orders 4,242"), "live lag while the activity still runs: " + out);
    fake.blocking.clear();
  }

  @Test
  void aSecondRetryOfAStepThatHeldAgainIsSentAgainNotDeduplicated() throws Exception {
    fake.failures.put("switchRoutes", 2); // the first retry fails the same way
    cli("init", "-f", manifest.toString());
    cli("execute", "orders");
    assertTrue(cli("status", "orders").out().contains("HELD"));

    cli("execute", "orders", "--as", "alice"); // held again, with the same error
    CliRun second = cli("execute", "orders", "--as", "alice");

    assertEquals(ExitCodes.OK, second.exit(), second.all());
    assertEquals(3, fake.count("switchRoutes"), "the second retry reached the workflow");
    assertTrue(cli("status", "orders").out().contains("Step:        DONE"));
  }

  @Test
  void theSameManifestSentAgainIsValidatedAgain() {
    cli("init", "-f", manifest.toString());
    long before = fake.count("validatePlan");

    cli("init", "-f", manifest.toString());
    cli("init", "-f", manifest.toString());

    assertEquals(
        before + 2,
        fake.count("validatePlan"),
        "each init re-validated (the systems may have been fixed)");
  }
}
