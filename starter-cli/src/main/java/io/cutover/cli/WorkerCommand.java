package io.cutover.cli;

import io.cutover.worker.WorkerApplication;
import io.micronaut.context.annotation.Prototype;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    header = "Runs the Cutover worker against a Temporal server.",
    description = {
      "Runs the Cutover worker against the Temporal server named by TEMPORAL_ADDRESS (and the other"
          + " temporal.* settings, see docs/runbook.md), with /health and /prometheus on CUTOVER_WORKER_PORT (8081)."
    },
    footer = {
      "%nExample:",
      "  TEMPORAL_ADDRESS=temporal.example.com:7233 cutover worker",
      ExitCodes.HELP
    })
public class WorkerCommand implements Callable<Integer> {
  static final String PORT_VARIABLE = "CUTOVER_WORKER_PORT";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    checkPortIsFree(port());
    WorkerApplication.main(new String[0]);
    Thread.currentThread().join(); // the worker runs until the process is stopped
    return ExitCodes.OK;
  }

  /** The HTTP port the worker will take (application.yml: micronaut.server.port). */
  static int port() {
    String p =
        System.getProperty(
            "micronaut.server.port", System.getenv().getOrDefault(PORT_VARIABLE, "8081"));
    try {
      return Integer.parseInt(p.trim());
    } catch (NumberFormatException e) {
      throw new CliException(
          ExitCodes.USAGE, PORT_VARIABLE + " must be a port number, got \"" + p + "\"");
    }
  }

  /**
   * Micronaut reports a taken port with a stack trace and ends the process itself, so the port is
   * tried first. A race with another process remains; this covers the usual case, a second worker.
   */
  static void checkPortIsFree(int port) {
    if (port <= 0) {
      return; // -1: a random port
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILED,
          "port "
              + port
              + " (health and metrics) is in use: is another"
              + " Cutover worker running here? Stop it, or give this one another port: "
              + PORT_VARIABLE
              + "=8082"
              + " cutover worker.");
    }
  }
}
