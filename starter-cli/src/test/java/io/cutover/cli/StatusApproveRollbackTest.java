package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.FakeSystems;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusApproveRollbackTest extends CliScenario {

  @Test
  void statusPrintsTheTimelineAndJsonForScripts() throws Exception {
    cli("init", "-f", manifest.toString());
    cli("execute", "orders");
    CliRun text = cli("status", "orders");
    assertEquals(ExitCodes.OK, text.exit(), text.all());
    assertTrue(text.out().contains("Step:        DONE (attempt 1)"), text.out());
    assertTrue(text.out().contains("PROMOTE"), text.out());
    CliRun json = cli("status", "migration-orders", "--json");
    JsonNode node = Printer.JSON.readTree(json.out());
    assertEquals("DONE", node.path("step").asText());
    assertEquals(2, node.path("stoppedCount").asInt());
  }

  @Test
  void listShowsEveryMigrationWithItsStep() {
    cli("init", "-f", manifest.toString());
    CliRun r = cli("list");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("orders"), r.out());
    assertTrue(r.out().contains("AWAIT_EXECUTE"), r.out());
  }

  @Test
  void unknownMigrationExitsFour() {
    CliRun r = cli("status", "nope");
    assertEquals(ExitCodes.NOT_FOUND, r.exit());
    assertTrue(r.err().contains("no migration named \"nope\""), r.err());
    assertEquals(ExitCodes.NOT_FOUND, cli("execute", "nope").exit());
    assertEquals(ExitCodes.NOT_FOUND, cli("rollback", "nope").exit());
  }

  @Test
  void approveBeforeTheApprovalStepIsKeptAndRecordsWho() throws Exception {
    manifest = writeManifest("orders", QUICK + "    requireApproval: true\n");
    cli("init", "-f", manifest.toString());
    CliRun a = cli("approve", "orders", "--as", "carol", "--reason", "CHG-42");
    assertEquals(ExitCodes.OK, a.exit(), a.all());
    assertTrue(a.out().contains("recorded for attempt 1"), a.out());
    assertEquals(ExitCodes.OK, cli("execute", "orders").exit());
    CliRun s = cli("status", "orders");
    assertTrue(s.out().contains("Approved:    by carol"), s.out());
  }

  @Test
  void rollbackDuringTheFenceReturnsClientsToTheSource() throws Exception {
    cli("init", "-f", manifest.toString());
    fake.blocking.add("fenceRoutes");
    cli("execute", "orders", "--detach");
    waitFor(() -> Migrations.status(env.getWorkflowClient(), "orders").step() == CutoverStep.FENCE);

    CliRun r = cli("rollback", "orders", "--as", "bob", "--reason", "alarms");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("Rolled back: clients are on the source"), r.out());
    assertEquals(FakeSystems.GatewayState.INITIAL, fake.gateway);
  }

  @Test
  void rollbackDetachReturnsOnceAcceptedLikeExecuteDetach() throws Exception {
    cli("init", "-f", manifest.toString());
    fake.blocking.add("fenceRoutes");
    cli("execute", "orders", "--detach", "--as", "carol", "--reason", "CHG-42 window");
    waitFor(() -> Migrations.status(env.getWorkflowClient(), "orders").step() == CutoverStep.FENCE);
    assertTrue(
        Migrations.status(env.getWorkflowClient(), "orders").notices().stream()
            .anyMatch(n -> n.equals("attempt 1 requested by carol: CHG-42 window")),
        "execute records its reason");

    CliRun r = cli("rollback", "orders", "--detach", "--reason", "alarms");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("rollback accepted"), r.out());
    assertFalse(
        r.out().contains("Rolled back: clients are on the source"), "did not wait: " + r.out());
    assertEquals(
        ExitCodes.OK,
        cli("rollback", "orders", "--help").exit(),
        "--no-wait is still accepted too");
  }

  @Test
  void rollbackAfterTheCutoverIsRefusedWithTheReason() {
    cli("init", "-f", manifest.toString());
    cli("execute", "orders");
    CliRun r = cli("rollback", "orders");
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("rollback refused"), r.err());
  }

  static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met in time");
      Thread.sleep(50);
    }
  }
}
