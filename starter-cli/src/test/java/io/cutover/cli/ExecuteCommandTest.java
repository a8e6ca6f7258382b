package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.FakeSystems;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecuteCommandTest extends CliScenario {

  @BeforeEach
  void init() {
    assertEquals(0, cli("init", "-f", manifest.toString()).exit());
  }

  @Test
  void executeFollowsTheRunStepByStepToDone() {
    CliRun r = cli("execute", "orders", "--as", "alice");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    for (String step : new String[] {"WAIT_FOR_LAG", "FENCE", "PROMOTE", "SWITCH", "DONE"}) {
      assertTrue(r.out().contains("▶ " + step), step + " shown: " + r.out());
    }
    assertTrue(r.out().contains("Cutover complete: 2 topic(s) promoted"), r.out());
    assertEquals(FakeSystems.GatewayState.SWITCHED, fake.gateway);
  }

  @Test
  void everyProgressLineSitsUnderItsOwnStepInOrder() {
    fake.lag.put("orders", 5000L);
    fake.blocking.add("awaitLagBelow"); // heartbeats the lag, as the real wait does, until released
    new Thread(
            () -> {
              sleep(3500);
              fake.lag.put("orders", 0L);
              fake.blocking.remove("awaitLagBelow");
            })
        .start();
    CliRun r = cli("execute", "orders");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        1,
        lines.stream().filter(l -> l.contains("▶ VALIDATE")).count(),
        "init's VALIDATE is not repeated: " + r.out());
    assertTrue(
        r.out()
            .contains(
                "▶ VALIDATE: re-validating the plan against the live systems (every execute does"),
        r.out());
    assertFalse(
        r.out().contains("AWAIT_EXECUTE"), "init's resting step is not this execute's: " + r.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("↳ lag: 1/2 topic(s) over threshold")), r.out());
    assertEveryLineUnder(lines, "↳ lag:", "WAIT_FOR_LAG");
    assertEveryLineUnder(lines, "↳ promoted", "PROMOTE");
    assertTrue(r.out().contains("✔ OK: lag is at or below the threshold on every topic"), r.out());
  }

  /** Each line containing {@code text} comes after "▶ step" and before the next step starts. */
  private static void assertEveryLineUnder(List<String> lines, String text, String step) {
    String current = null;
    for (String l : lines) {
      if (l.contains(" ▶ ")) {
        current = l.substring(l.indexOf(" ▶ ") + 3).split(":")[0];
      } else if (l.contains(text)) {
        assertEquals(
            step, current, "\"" + l + "\" is under its step in:\n" + String.join("\n", lines));
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void detachReturnsAtOnceAndRunningExecuteAgainAttaches() {
    fake.blocking.add("fenceRoutes");
    CliRun detached = cli("execute", "orders", "--detach");
    assertEquals(ExitCodes.OK, detached.exit(), detached.all());
    assertTrue(detached.out().contains("Detached"), detached.out());

    new Thread(
            () -> {
              try {
                Thread.sleep(1500);
              } catch (InterruptedException ignored) {
                // test ends anyway
              }
              fake.blocking.remove("fenceRoutes");
            })
        .start();
    CliRun attached = cli("execute", "orders");
    assertEquals(ExitCodes.OK, attached.exit(), attached.all());
    assertTrue(attached.out().contains("Attaching to the running attempt 1"), attached.out());
    assertEquals(1, fake.count("fenceRoutes"), "attaching did not start a second attempt");
  }

  @Test
  void aCutoverThatLeftRecordsOnTheSourceExitsSixAndListsThem() {
    fake.strandedLines =
        List.of("topic orders partition 0: offsets 40..44 (5 record(s)) on the source only");
    CliRun r = cli("execute", "orders");
    assertEquals(ExitCodes.STRANDED, r.exit(), r.all());
    assertTrue(r.out().contains("Cutover complete"), r.out());
    assertTrue(
        r.out()
            .contains(
                "⚠ Stranded writes: 5 record(s) on 1 partition(s) were written to the source"),
        r.out());
    assertTrue(r.out().contains("topic orders partition 0: offsets 40..44"), r.out());
    CliRun status = cli("status", "orders");
    assertTrue(status.out().contains("Stranded writes: 5 record(s)"), status.out());
  }

  @Test
  void executeFollowsTheWatchAfterDoneAndExitsSixForRecordsWrittenToTheSourceThen()
      throws Exception {
    manifest = writeManifest("late", "  defaultPolicies:\n    strandedWritesWatchDuration: 4s\n");
    assertEquals(0, cli("init", "-f", manifest.toString()).exit());
    new Thread(
            () -> {
              sleep(2500); // DONE comes at once with the fakes: this lands inside the watch
              fake.strandedLinesAfterDone =
                  List.of(
                      "topic orders partition 1: offsets 7..11 (5 record(s)) on the source only");
            })
        .start();
    CliRun r = cli("execute", "late");
    assertEquals(ExitCodes.STRANDED, r.exit(), r.all());
    assertTrue(
        r.out().contains("the source is watched for stranded writes until"),
        "the watch is said: " + r.out());
    assertTrue(
        r.out().contains("⚠ stranded writes so far: 5 record(s) on 1 partition(s)"), r.out());
    assertTrue(r.out().contains("topic orders partition 1: offsets 7..11"), r.out());
    assertTrue(fake.count("recheckStrandedWrites") >= 2, "checked at DONE and at the watch's end");
    CliRun status = cli("status", "late");
    assertFalse(status.out().contains("Watching:"), "the watch is over: " + status.out());
    assertTrue(
        status.out().contains("Watched the source for stranded writes for 4s"), status.out());
  }

  @Test
  void theConsumerOffsetHandoffIsShownAndAGroupLeftDifferentIsSaidWithWhatToDo() {
    CliRun ok = cli("execute", "orders");
    assertEquals(ExitCodes.OK, ok.exit(), ok.all());
    assertTrue(
        ok.out().contains("Consumer offsets: 1 consumer group(s): 1 already synced by the link"),
        ok.out());
    assertTrue(cli("status", "orders").out().contains("Offsets:     1 consumer group(s)"));
  }

  @Test
  void aConsumerGroupLeftDifferentIsANoticeInExecuteAndStatus() {
    fake.handoffGroups =
        List.of(
            new io.cutover.workflow.model.OffsetHandoff.Group(
                "readers",
                io.cutover.workflow.model.OffsetHandoff.Verdict.ACTIVE,
                3,
                12,
                0,
                "1 member(s) already consume on the destination, bypassing the gateway"));
    CliRun r = cli("execute", "orders");
    assertTrue(r.out().contains("⚠ Consumer offsets:"), r.out());
    assertTrue(
        r.out().contains("readers: active, 3 partition(s), was 12 record(s) behind"), r.out());
    CliRun status = cli("status", "orders");
    assertTrue(status.out().contains("Note: ⚠ Consumer offsets:"), status.out());
    assertTrue(status.out().contains("--reset-offsets"), status.out());
  }

  @Test
  void aHeldRunExitsOneWithWhatToDo() {
    fake.failures.put("switchRoutes", 1);
    CliRun r = cli("execute", "orders");
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.out().contains("SWITCH failed after the point of no return"), r.out());
    assertTrue(r.out().contains("Next: Topics are promoted but the switch failed"), r.out());

    CliRun retry = cli("execute", "orders");
    assertEquals(ExitCodes.OK, retry.exit(), retry.all());
    assertTrue(retry.out().contains("retrying SWITCH"), retry.out());
  }

  @Test
  void timeoutStopsFollowingWithExitFiveAndLeavesTheRunGoing() {
    fake.blocking.add("awaitLagBelow");
    CliRun r = cli("execute", "orders", "--timeout", "2s");
    assertEquals(ExitCodes.DETACHED, r.exit(), r.all());
    assertTrue(r.out().contains("the cutover goes on"), r.out());
    fake.blocking.remove("awaitLagBelow");
  }

  @Test
  void overridesThatAreNotValuesAreUsageErrors() {
    CliRun r = cli("execute", "orders", "--fence-error-code", "NOPE");
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("--fence-error-code"), r.err());
    CliRun d = cli("execute", "orders", "--max-fenced-duration", "ten minutes");
    assertEquals(ExitCodes.USAGE, d.exit());
    assertTrue(d.err().contains("write it like 90s, 10m or 1h30m"), d.err());
  }

  @Test
  void overridesTheWorkflowRefusesAreExplainedAndNothingRuns() {
    CliRun r = cli("execute", "orders", "--detect-unrouted-producers-duration", "3s");
    assertEquals(ExitCodes.FAILED, r.exit(), r.all());
    assertTrue(r.err().contains("execute refused"), r.err());
    assertTrue(
        r.err().contains("overrides.detectUnroutedProducersDuration: must be at least 10s"),
        r.err());
    assertEquals(1, fake.count("validatePlan"), "only init's validation ran");
  }

  @Test
  void retriableFenceCodeOverrideReachesTheGateway() {
    CliRun r = cli("execute", "orders", "--fence-error-code", "NOT_LEADER_OR_FOLLOWER");
    assertEquals(ExitCodes.OK, r.exit(), r.all());
    assertEquals(io.cutover.workflow.model.FenceErrorCode.NOT_LEADER_OR_FOLLOWER, fake.fenceCode);
  }
}
