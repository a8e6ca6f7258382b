package io.cutover.cli;

import io.micronaut.context.annotation.Prototype;
import io.cutover.worker.WorkerApplication;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    header = "Runs the Cutover worker against a Temporal server.",
    description = {"Runs the Cutover worker against the Temporal server named by TEMPORAL_TARGET (and the other"
        + " temporal.* settings, see docs/runbook.md), with /health and /prometheus on CUTOVER_WORKER_PORT (8081)."},
    footer = {"%nExample:", "  TEMPORAL_TARGET=temporal.example.com:7233 cutover worker", ExitCodes.HELP})
public class WorkerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    WorkerApplication.main(new String[0]);
    Thread.currentThread().join(); // the worker runs until the process is stopped
    return ExitCodes.OK;
  }
}
