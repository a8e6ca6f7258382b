package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cutover wave}: init validates every group, execute cuts them over in order and follows,
 * status shows every group in one table, list finds the wave; refusals say why.
 */
class WaveCommandTest extends CliScenario {

  /** A member manifest with its own topic and its own fence route. */
  private Path member(String name) throws IOException {
    return member(name, QUICK);
  }

  private Path member(String name, String policies) throws IOException {
    Path m = TestManifests.write(dir, name, "  topics: [" + name + "]\n", policies);
    Files.writeString(
        m,
        Files.readString(m).replace("routes: [migration-route]", "routes: [" + name + "-route]"));
    return m;
  }

  private Path waveManifest(String groups) throws IOException {
    Path w = dir.resolve("wave.yaml");
    Files.writeString(
        w,
        """
        apiVersion: cutover.io/v1alpha1
        kind: MigrationWave
        metadata:
          name: first
        spec:
          concurrency: 1
          groups:
        %s"""
            .formatted(groups));
    return w;
  }

  @Test
  void initValidatesEveryGroupAndExecuteCutsThemOverInOrder() throws IOException {
    member("orders");
    member("payments");
    Path w =
        waveManifest(
            "    - manifest: orders.yaml\n    - manifest: payments.yaml\n      after: [orders]\n");

    CliRun init = cli("wave", "init", "-f", w.toString());
    assertEquals(ExitCodes.OK, init.exit(), init.all());
    assertTrue(init.out().contains("every group validated"), init.out());
    assertTrue(init.out().matches("(?s).*orders\\s+READY\\s+AWAIT_EXECUTE.*"), init.out());

    CliRun approve = cli("wave", "approve", "first");
    assertEquals(ExitCodes.FAILED, approve.exit(), approve.all());
    assertTrue(approve.err().contains("cutover approve <group>"), approve.all());

    CliRun execute = cli("wave", "execute", "first", "--as", "alice");
    assertEquals(ExitCodes.OK, execute.exit(), execute.all());
    assertTrue(execute.out().contains("DONE"), execute.out());
    java.time.Instant ordersDone = lastStepStart("orders");
    java.time.Instant paymentsExecuted = executeStart("payments");
    assertTrue(
        !paymentsExecuted.isBefore(ordersDone),
        "payments starts after orders is DONE: " + ordersDone + " / " + paymentsExecuted);

    CliRun again = cli("wave", "execute", "first");
    assertEquals(ExitCodes.OK, again.exit(), again.all());
    assertTrue(again.out().contains("already DONE"), again.out());

    CliRun status = cli("wave", "status", "first");
    assertEquals(ExitCodes.OK, status.exit(), status.all());
    assertTrue(status.out().contains("Wave first: DONE"), status.out());
    assertTrue(status.out().matches("(?s).*payments\\s+DONE\\s+DONE\\s+1.*"), status.out());

    CliRun list = cli("wave", "list");
    assertTrue(list.out().matches("(?s).*first\\s+COMPLETED\\s+DONE\\s+2/2.*"), list.out());

    CliRun rollback = cli("wave", "rollback", "first");
    assertEquals(ExitCodes.FAILED, rollback.exit(), rollback.all());
  }

  @Test
  void aWaveWhoseGroupsShareAFenceRouteIsRefusedWithTheFieldAndNothingStarts() throws IOException {
    TestManifests.write(dir, "orders", "  topics: [orders]\n", QUICK);
    TestManifests.write(dir, "payments", "  topics: [payments]\n", QUICK);
    Path w = waveManifest("    - manifest: orders.yaml\n    - manifest: payments.yaml\n");

    CliRun init = cli("wave", "init", "-f", w.toString());
    assertEquals(ExitCodes.FAILED, init.exit(), init.all());
    assertTrue(init.err().contains("spec.groups[1]"), init.err());
    assertTrue(init.err().contains("migration-route"), init.err());
    assertTrue(cli("wave", "list").out().contains("No waves"), "nothing was started");
  }

  @Test
  void aWaveApprovalGivenAtRestCountsForTheNextAttemptAndEachAttemptGetsItsOwn()
      throws IOException {
    member("orders", QUICK + "    requireApproval: true\n"); // it waits for the wave's approval
    Path w = dir.resolve("wave.yaml");
    Files.writeString(
        w,
        """
        apiVersion: cutover.io/v1alpha1
        kind: MigrationWave
        metadata:
          name: approved
        spec:
          approval: wave
          groups:
            - manifest: orders.yaml
        """);
    assertEquals(ExitCodes.OK, cli("wave", "init", "-f", w.toString()).exit());
    CliRun approve = cli("wave", "approve", "approved", "--as", "carol", "--reason", "CAB-7");
    assertEquals(ExitCodes.OK, approve.exit(), approve.all());
    assertTrue(approve.out().contains("wave attempt 1"), approve.out());

    CliRun execute = cli("wave", "execute", "approved", "--as", "alice");
    assertEquals(ExitCodes.OK, execute.exit(), execute.all());
    assertEquals("carol", groupStatus("orders").approvals().get(0).who(), "the group got it");

    var running =
        new io.cutover.workflow.wave.WaveStatus(
            "w",
            io.cutover.workflow.wave.WaveStep.AWAIT_APPROVAL,
            2,
            "",
            List.of(),
            List.of(),
            List.of(),
            null,
            "",
            1);
    var resting =
        new io.cutover.workflow.wave.WaveStatus(
            "w",
            io.cutover.workflow.wave.WaveStep.AWAIT_EXECUTE,
            2,
            "",
            List.of(),
            List.of(),
            List.of(),
            null,
            "",
            1);
    assertEquals(2, WaveApproveCommand.countsFor(running));
    assertEquals(3, WaveApproveCommand.countsFor(resting), "not deduplicated with attempt 2's");
  }

  @Test
  void anExecuteSentAgainWhileTheAttemptRunsFollowsItInsteadOfFailing() throws IOException {
    member("orders");
    Path w = waveManifest("    - manifest: orders.yaml\n");
    assertEquals(ExitCodes.OK, cli("wave", "init", "-f", w.toString()).exit());
    fake.blocking.add("awaitLagBelow");
    try {
      assertEquals(ExitCodes.OK, cli("wave", "execute", "first", "--detach").exit());
      CliRun again = cli("wave", "execute", "first", "--wait", "2s");
      assertEquals(ExitCodes.DETACHED, again.exit(), again.all());
      assertTrue(again.out().contains("Attempt 1 is already running; following it."), again.out());
    } finally {
      fake.blocking.remove("awaitLagBelow");
    }
    CliRun follow = cli("wave", "execute", "first");
    assertEquals(ExitCodes.OK, follow.exit(), follow.all());
  }

  @Test
  void statusOfAnUnknownWaveSaysHowToStartOne() {
    CliRun status = cli("wave", "status", "nope");
    assertEquals(ExitCodes.NOT_FOUND, status.exit(), status.all());
    assertTrue(status.err().contains("cutover wave init -f"), status.err());
  }

  private io.cutover.workflow.model.MigrationStatus groupStatus(String group) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            io.cutover.workflow.MigrationWorkflow.class,
            io.cutover.workflow.model.MigrationPlan.workflowIdFor(group))
        .status();
  }

  /** When the group's last step (DONE) began. */
  private java.time.Instant lastStepStart(String group) {
    var steps = groupStatus(group).steps();
    return steps.get(steps.size() - 1).startedAt();
  }

  /** When the group's execute attempt began (its second VALIDATE). */
  private java.time.Instant executeStart(String group) {
    return groupStatus(group).steps().stream()
        .filter(r -> r.attempt() == 1)
        .findFirst()
        .orElseThrow()
        .startedAt();
  }
}
