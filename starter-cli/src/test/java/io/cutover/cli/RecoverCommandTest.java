package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.FakeSystems.GatewayState;
import io.cutover.workflow.model.MigrationStatus;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A run terminated mid-cutover leaves no fence budget and no compensation behind: `cutover recover`
 * reads what it had observed and the live mirror states, and puts the group in a safe state (M7).
 */
class RecoverCommandTest extends CliScenario {

  private void startAndTerminateWhen(Predicate<MigrationStatus> reached, String what) {
    assertEquals(ExitCodes.OK, cli("init", "-f", manifest.toString()).exit());
    assertEquals(ExitCodes.OK, cli("execute", "orders", "--detach").exit());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    var client = env.getWorkflowClient();
    var stub =
        client.newWorkflowStub(io.cutover.workflow.MigrationWorkflow.class, "migration-orders");
    while (!reached.test(stub.status())) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      sleep(100);
    }
    client.newUntypedWorkflowStub("migration-orders").terminate("testing recover");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRunTerminatedWhileFencedBeforeAnyPromoteIsUnfencedBackToTheSource() {
    fake.blocking.add(
        "assertFenced"); // FENCE has written; the next step's fence check never returns
    startAndTerminateWhen(
        s -> fake.gateway == GatewayState.FENCED && fake.count("assertFenced") > 0, "the fence");
    fake.blocking.clear();

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "0s");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertEquals(GatewayState.INITIAL, fake.gateway, "clients are back on the source");
    assertTrue(r.out().contains("no topic was promoted"), r.out());
    assertEquals(0, fake.count("promoteMirrors"));
    assertEquals(
        0,
        fake.count("restoreOffsetSync"),
        "the run never paused offset sync, so it is left alone");
  }

  /**
   * Pause on; the run is terminated while its disable of offset sync is in flight (and has landed).
   */
  private void terminateDuringTheDisable() throws Exception {
    java.nio.file.Files.writeString(
        manifest,
        java.nio.file.Files.readString(manifest)
            .replace(
                "    name: test-link\n",
                "    name: test-link\n    pauseConsumerOffsetSync: true\n"));
    fake.blocking.add("disableOffsetSync");
    startAndTerminateWhen(s -> fake.count("disableOffsetSync") > 0, "the disable");
    fake.blocking.clear();
    fake.offsetSyncEnabled = false;
  }

  @Test
  void aFailedOffsetSyncRestoreDoesNotKeepClientsFenced() throws Exception {
    terminateDuringTheDisable();
    fake.failures.put("restoreOffsetSync", 1); // non-retryable, e.g. a rotated link key

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "0s");

    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("recovery incomplete: restore offset sync"), r.err());
    assertEquals(GatewayState.INITIAL, fake.gateway, "the unfence ran although the restore failed");
  }

  @Test
  void aWriteTheEndedRunHadInFlightIsWaitedOutBeforeAnythingIsRead() throws Exception {
    terminateDuringTheDisable();

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "2s");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("had DisableOffsetSync in flight; waiting 2s"), r.out());
    assertTrue(r.out().contains("waited 2s for a write the ended run had in flight"), r.out());
    assertTrue(fake.offsetSyncEnabled, "restored after the wait");
    assertEquals(GatewayState.INITIAL, fake.gateway);
  }

  @Test
  void aRunThatEndedBeforeFenceChangedNothingAndIsLeftAlone() {
    fake.blocking.add("awaitLagBelow");
    startAndTerminateWhen(s -> s.step() == CutoverStep.WAIT_FOR_LAG, "WAIT_FOR_LAG");
    fake.blocking.clear();

    CliRun r = cli("recover", "orders", "--as", "alice");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertTrue(r.out().contains("Nothing to recover: the run ended at WAIT_FOR_LAG"), r.out());
    assertEquals(0, fake.count("unfenceRoutes"));
  }

  @Test
  void aRunTerminatedAtPauseOffsetSyncBeforeItsDisableIsUnfencedAndItsSyncLeftAsFound()
      throws Exception {
    java.nio.file.Files.writeString(
        manifest,
        java.nio.file.Files.readString(manifest)
            .replace(
                "    name: test-link\n",
                "    name: test-link\n    pauseConsumerOffsetSync: true\n"));
    fake.blocking.add("assertFenced");
    startAndTerminateWhen(
        s -> s.step() == CutoverStep.PAUSE_OFFSET_SYNC && fake.count("assertFenced") > 0,
        "PAUSE_OFFSET_SYNC");
    fake.offsetSyncEnabled =
        false; // turned off by an operator: this run never scheduled its disable
    fake.blocking.clear();

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "0s");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertEquals(
        0, fake.count("restoreOffsetSync"), "not this run's change, so not undone: " + r.out());
    assertEquals(GatewayState.INITIAL, fake.gateway);
  }

  @Test
  void aRunTerminatedAfterTheFirstAcceptedPromoteIsFinishedOnTheDestinationNeverUnfenced() {
    fake.blocking.add("awaitMirrorsStopped");
    startAndTerminateWhen(MigrationStatus::pointOfNoReturnPassed, "the point of no return");
    fake.blocking.clear();

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "0s");

    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertEquals(GatewayState.SWITCHED, fake.gateway, "clients are on the destination");
    assertEquals(0, fake.count("unfenceRoutes"), "never back to the source after a promote");
    assertTrue(
        fake.mirrorStatus.values().stream().allMatch("STOPPED"::equals),
        fake.mirrorStatus.toString());
    assertTrue(r.out().contains("clients are on the destination"), r.out());
  }

  @Test
  void mirrorsInStatesThatProveNothingAreRefusedAndTheGatewayIsLeftAlone() {
    fake.blocking.add("assertFenced");
    startAndTerminateWhen(s -> fake.count("assertFenced") > 0, "the fence");
    fake.blocking.clear();
    fake.mirrorStatus.put("payments", "FAILED");

    CliRun r = cli("recover", "orders", "--as", "alice", "--settle", "0s");

    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("cannot tell whether a promote was applied"), r.err());
    assertEquals(GatewayState.FENCED, fake.gateway);
  }

  @Test
  void recoverRefusesARunThatIsStillOpen() {
    cli("init", "-f", manifest.toString());

    CliRun r = cli("recover", "orders");

    assertEquals(ExitCodes.FAILED, r.exit());
    assertTrue(r.err().contains("is still running"), r.err());
  }
}
