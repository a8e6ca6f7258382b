package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.cli.CliRun;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code cutover sandbox --groups 2}: two groups on one gateway with live clients on each route,
 * and the wave it writes, driven with the commands it prints; Ctrl+C reports every group's losses.
 */
class SandboxWaveIT {
  private static final Pattern WAVE = Pattern.compile("Wave: (\\S+)");

  @Test
  void printedWaveCommandsCutBothGroupsOverAndCtrlCReportsEachGroupLosingNothing()
      throws Exception {
    try (SandboxRun sandbox = new SandboxRun("--groups", "2", "--topics", "1", "--rate", "30")) {
      String temporal = sandbox.temporal;
      String out = sandbox.printed();
      assertTrue(out.contains("cutover wave approve sandbox --temporal " + temporal), out);
      assertTrue(out.contains("group sandbox-2: route sandbox-2-route"), out);
      Matcher m = WAVE.matcher(out);
      assertTrue(m.find(), out);
      String wave = m.group(1);

      CliRun init = sandbox.run("wave", "init", "-f", wave, "--temporal", temporal);
      assertEquals(0, init.exit(), init.out() + init.err());
      AtomicReference<CliRun> execute = new AtomicReference<>();
      Thread executing =
          new Thread(
              () -> execute.set(sandbox.run("wave", "execute", "sandbox", "--temporal", temporal)));
      executing.start();
      CliRun approve;
      int tries = 0;
      do {
        Thread.sleep(500);
        approve =
            sandbox.run("wave", "approve", "sandbox", "--temporal", temporal, "--reason", "IT");
      } while (approve.exit() != 0 && ++tries < 60);
      assertEquals(0, approve.exit(), approve.out() + approve.err());
      executing.join(300_000);
      assertFalse(executing.isAlive(), "wave execute ends");
      assertEquals(0, execute.get().exit(), execute.get().out() + execute.get().err());

      CliRun status = sandbox.run("wave", "status", "sandbox", "--temporal", temporal);
      assertTrue(status.out().contains("DONE"), status.out());
      sandbox.type("clients");
      sandbox.awaitPrinted("» clients: sandbox-1: ", "the clients knob");
      assertTrue(sandbox.printed().contains("; sandbox-2: "), sandbox.printed());

      int exit = sandbox.interrupt(); // as Ctrl+C would
      String end = sandbox.printed();
      for (String g : new String[] {"sandbox-1", "sandbox-2"}) {
        assertTrue(
            end.contains("Loss report of " + g + " (clients ended on the destination)"), end);
        assertTrue(
            end.contains("✔ every acknowledged record of " + g + " is on the destination"), end);
      }
      assertEquals(2, end.split(" 0 lost,", -1).length - 1, "both groups lost nothing: " + end);
      assertEquals(0, exit, end);
    }
  }
}
