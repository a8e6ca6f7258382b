package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.cli.CliRun;
import io.micronaut.context.ApplicationContext;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code cutover sandbox} as a user drives it: the commands it prints work from another "terminal"
 * (the CLI runner), a knob typed into it makes the next execute roll back, and Ctrl+C prints a loss
 * report with nothing lost. It runs with {@code --hot-reload}, so a pod knob works too (the rolling
 * gateway is the e2e scenarios' default).
 */
class SandboxCommandIT {
  private static final Pattern MANIFEST = Pattern.compile("Manifest: (\\S+)");

  private static CliRun run(ApplicationContext ctx, String... args) {
    return CliRun.run(RepositoryCli.commandLine(ctx), args);
  }

  @Test
  void printedCommandsDriveACutoverAKnobRollsItBackAndCtrlCReportsNothingLost() throws Exception {
    try (SandboxRun sandbox = new SandboxRun("--topics", "2", "--rate", "50", "--hot-reload")) {
      String temporal = sandbox.temporal;
      String out = sandbox.printed();
      assertTrue(out.contains("cutover approve sandbox --temporal " + temporal), out);
      assertTrue(out.contains("rogue-producer on|off"), "lists the knobs: " + out);
      Matcher m = MANIFEST.matcher(out);
      assertTrue(m.find(), out);
      String manifest = m.group(1);

      // Dry runs against the live systems first: a good plan, then one naming a route the live
      // CR does not have; neither starts the migration.
      CliRun dry = sandbox.run("init", "-f", manifest, "--dry-run", "--temporal", temporal);
      assertEquals(0, dry.exit(), dry.out() + dry.err());
      assertTrue(dry.out().contains("✔ fence and switch: the fenced and the switched"), dry.out());
      assertTrue(dry.out().contains("✔ A real run would start. Nothing was changed."), dry.out());
      Path badRoute = Path.of(manifest).resolveSibling("bad-route.yaml");
      Files.writeString(
          badRoute,
          Files.readString(Path.of(manifest))
              .replaceFirst("routes: \\[[^\\]]+\\]", "routes: [no-such-route]"));
      CliRun refused =
          sandbox.run("init", "-f", badRoute.toString(), "--dry-run", "--temporal", temporal);
      assertEquals(1, refused.exit(), refused.out() + refused.err());
      assertTrue(refused.out().contains("no-such-route"), refused.out());
      assertTrue(refused.out().contains("✖ A real run would be refused"), refused.out());
      assertTrue(
          sandbox.run("status", "sandbox", "--temporal", temporal).exit() != 0,
          "no dry run started the migration");

      CliRun init = sandbox.run("init", "-f", manifest, "--temporal", temporal);
      assertEquals(0, init.exit(), init.out() + init.err());
      CliRun dryExecute =
          sandbox.run(
              "execute",
              "sandbox",
              "--dry-run",
              "--lag-threshold",
              "1000000",
              "--temporal",
              temporal);
      assertEquals(0, dryExecute.exit(), dryExecute.out() + dryExecute.err());
      assertTrue(
          dryExecute.out().contains("✔ lag: every topic at or below 1000000"), dryExecute.out());
      CliRun lag = sandbox.run("lag-check", "-f", manifest, "--once");
      assertEquals(0, lag.exit(), lag.out() + lag.err());

      // The pod knobs of a hot-reload gateway: one pod a second late for every change after this.
      sandbox.type("lag-pod 1s");
      sandbox.awaitPrinted("picks each change up 1s after the others", "the lag-pod knob's answer");
      sandbox.type("rogue-producer on");
      sandbox.awaitPrinted("» rogue producer writing to", "the knob's answer");
      CliRun approve = sandbox.run("approve", "sandbox", "--temporal", temporal, "--reason", "IT");
      assertEquals(0, approve.exit(), approve.out() + approve.err());
      CliRun rolledBack = sandbox.run("execute", "sandbox", "--temporal", temporal);
      assertEquals(1, rolledBack.exit(), rolledBack.out() + rolledBack.err());
      assertTrue(
          (rolledBack.out() + rolledBack.err()).contains("unrouted producers detected"),
          rolledBack.out() + rolledBack.err());

      sandbox.type("clear");
      sandbox.awaitPrinted("» every knob is off", "clear");
      sandbox.run("approve", "sandbox", "--temporal", temporal, "--reason", "IT again");
      // The sandbox watches the source for 1m after DONE; execute follows a shorter one here.
      CliRun done =
          sandbox.run(
              "execute",
              "sandbox",
              "--temporal",
              temporal,
              "--stranded-writes-watch-duration",
              "5s");
      assertEquals(0, done.exit(), done.out() + done.err());
      assertTrue(
          done.out().contains("the source is watched for stranded writes until"),
          "execute follows the watch after DONE: " + done.out());
      CliRun status = sandbox.run("status", "sandbox", "--temporal", temporal);
      assertTrue(status.out().contains("DONE"), status.out());
      assertTrue(
          sandbox.printed().contains("Gateway: hot reload"),
          "the sandbox says its gateway hot-reloads: " + sandbox.printed());

      int exit = sandbox.interrupt(); // as Ctrl+C would
      String end = sandbox.printed();
      assertTrue(end.contains("Loss report (clients ended on the destination)"), end);
      assertTrue(end.contains(" 0 lost,"), end);
      assertTrue(end.contains("✔ every acknowledged record is on the destination."), end);
      assertEquals(0, exit, end);
    }
  }

  @Test
  void aTakenPortIsRefusedBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = run(ctx, "sandbox", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(1, r.exit(), r.err());
      assertTrue(r.err().contains("port " + taken.getLocalPort() + " is in use"), r.err());
      assertFalse(r.out().contains("Starting the sandbox"), "nothing started: " + r.out());
    }
  }
}
