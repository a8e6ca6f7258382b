package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Help texts, usage errors, and what happens without a Temporal server. No test server here. */
class CommandLineSurfaceTest {

  private static String[] run(ApplicationContext ctx, String... args) {
    CliRun r = CliRun.run(ctx, args);
    return new String[] {Integer.toString(r.exit()), r.out(), r.err()};
  }

  @Test
  void anUnreachableTemporalExitsThreeAndSaysHowToStartOne() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free, nothing listens after close
    }
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "status", "orders", "--temporal", "127.0.0.1:" + port);
      assertEquals(Integer.toString(ExitCodes.UNREACHABLE), r[0], r[2]);
      assertTrue(r[2].contains("cannot reach Temporal at 127.0.0.1:" + port), r[2]);
      assertTrue(r[2].contains("cutover dev"), r[2]);
    }
  }

  @Test
  void theRepositorysOwnCommandsSayInOneLineWhereToFindThem() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      for (List<String> command :
          List.of(
              List.of("demo"),
              List.of("dev", "--port", "7299"),
              List.of("sandbox"),
              List.of("bench", "history"))) {
        String[] r = run(ctx, command.toArray(String[]::new));
        assertEquals("2", r[0], r[2]);
        List<String> lines = r[2].lines().toList();
        assertEquals(1, lines.size(), r[2]);
        assertTrue(lines.get(0).contains("./cutover launcher of the Cutover repository"), r[2]);
        assertTrue(lines.get(0).contains("run ./cutover " + command.get(0) + ")"), r[2]);
      }
    }
  }

  @Test
  void unknownCommandsAndOptionsAreUsageErrors() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      assertEquals("2", run(ctx, "promote-everything")[0]);
      String[] r = run(ctx, "status", "orders", "--colour");
      assertEquals("2", r[0]);
      assertTrue(r[2].contains("Unknown option: '--colour'"), r[2]);
    }
  }

  @Test
  void anOptionOfAnotherCommandSaysWhichCommandHasIt() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "execute", "orders", "--json");
      assertEquals("2", r[0]);
      assertTrue(
          r[2].contains(
              "--json is an option of `cutover status`, `cutover wave status`, not of `cutover"
                  + " execute`."),
          r[2]);
    }
  }

  @Test
  void anOptionWrittenBeforeTheCommandSaysToWriteItAfter() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "--temporal", "127.0.0.1:7233", "status", "orders");
      assertEquals("2", r[0]);
      assertTrue(
          r[2].contains(
              "--temporal is an option of `cutover status` (and others): write it after the"
                  + " command, e.g. `cutover status --temporal ...`."),
          r[2]);
    }
  }

  @Test
  void aManifestKeyWrittenAsAnOptionIsPointedToTheOption() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "execute", "orders", "--maxFencedDuration", "5m");
      assertEquals("2", r[0]);
      assertTrue(r[2].contains("--max-fenced-duration"), r[2]);
    }
  }

  @Test
  void aUsageErrorPointsToHelpInsteadOfPrintingAllOfIt() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "init", "-f", "m.yaml", "--wait", "5x");
      assertEquals("2", r[0]);
      assertEquals(
          List.of(
              "Invalid value for option '--wait': '5x' is not a duration; write it like 90s, 10m or"
                  + " 1h30m",
              "See `cutover init --help` for what it accepts."),
          r[2].lines().toList());
    }
  }

  @Test
  void onlyARunningWorkerLogsLikeAServiceSoItsHelpPrintsNoLogLines() {
    assertTrue(CutoverCli.runsTheWorker(new String[] {"worker"}));
    assertFalse(CutoverCli.runsTheWorker(new String[] {"worker", "--help"}));
    assertFalse(CutoverCli.runsTheWorker(new String[] {"status", "worker"}));
  }

  @Test
  void lagCheckRejectsAnIntervalOutOfRange() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "lag-check", "-f", "m.yaml", "--interval", "0");
      assertEquals("2", r[0]);
      assertTrue(r[2].contains("--interval: must be between 1s and 60s, got 0s"), r[2]);
    }
  }

  @Test
  void lagCheckTakesItsIntervalAsADurationLikeEveryOtherFlag() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      String[] r = run(ctx, "lag-check", "-f", "m.yaml", "--interval", "90s");
      assertEquals("2", r[0]);
      assertTrue(r[2].contains("--interval: must be between 1s and 60s, got 1m30s"), r[2]);
      r = run(ctx, "lag-check", "-f", "m.yaml", "--interval", "5");
      assertEquals("2", r[0]);
      assertTrue(r[2].contains("write it like 90s, 10m or 1h30m"), r[2]);
    }
  }
}
