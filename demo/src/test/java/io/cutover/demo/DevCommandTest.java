package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.cli.CliRun;
import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * dev as a user starts it: a Temporal test server with a worker that the other commands can use.
 */
class DevCommandTest {
  private static CliRun run(ApplicationContext ctx, String... args) {
    return CliRun.run(RepositoryCli.commandLine(ctx), args);
  }

  @Test
  void devServesTemporalWithAWorkerAndSaysItIsNotDurable() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0)) {
      free = s.getLocalPort();
    }
    int port = free;
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CommandLine dev = RepositoryCli.commandLine(ctx);
      StringWriter devOut = new StringWriter();
      dev.setOut(new PrintWriter(devOut, true));
      dev.setErr(new PrintWriter(new StringWriter(), true));
      Thread t = new Thread(() -> dev.execute("dev", "--port", Integer.toString(port)));
      t.start();
      for (int i = 0; i < 150 && !devOut.toString().contains("Ctrl+C stops it"); i++) {
        Thread.sleep(200);
      }
      assertTrue(devOut.toString().contains("NOT durable"), devOut.toString());
      assertTrue(devOut.toString().contains("no Web UI"), devOut.toString());
      CliRun list = run(ctx, "list", "--temporal", "127.0.0.1:" + port);
      assertEquals(0, list.exit(), list.err());
      assertTrue(list.out().contains("No migrations"), list.out());
      t.interrupt(); // as Ctrl+C would
      t.join(30_000);
      assertFalse(t.isAlive(), "dev stops");
    }
  }

  @Test
  void devOnATakenPortSaysSoAndHowToUseAnother() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = run(ctx, "dev", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(1, r.exit(), r.err());
      assertTrue(r.err().contains("port " + taken.getLocalPort() + " is in use"), r.err());
      assertTrue(r.err().contains("--port"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }
}
