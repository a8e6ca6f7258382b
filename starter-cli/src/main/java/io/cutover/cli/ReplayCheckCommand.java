package io.cutover.cli;

import io.cutover.workflow.MigrationWorkflowImpl;
import io.micronaut.context.annotation.Prototype;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "replay-check",
    mixinStandardHelpOptions = true,
    header = "Checks that this build replays every open migration and wave.",
    description = {
      "Replays the history of every open migration and wave against this build's workflow code and says which would fail.",
      "Run it with the build you are about to deploy, before deploying it: a worker that cannot replay a run"
          + " stops that run, its fence budget included. Changes nothing."
    },
    footer = {"%nExample:", "  cutover replay-check", ExitCodes.HELP})
public class ReplayCheckCommand implements Callable<Integer> {
  /** Never polled: the worker exists only to replay. */
  static final String REPLAY_QUEUE = "cutover-replay-check";

  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  private final TemporalConnection connection;

  public ReplayCheckCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    List<WorkflowExecutionInfo> open =
        java.util.stream.Stream.concat(
                Migrations.executions(client).stream(),
                Migrations.executions(client, io.cutover.workflow.wave.WaveWorkflow.WORKFLOW_TYPE)
                    .stream())
            .filter(i -> i.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .toList();
    if (open.isEmpty()) {
      out.println(
          "No open migrations in namespace "
              + temporal.namespace()
              + ": nothing to replay; any build can be"
              + " deployed.");
      return ExitCodes.OK;
    }
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker replayer = factory.newWorker(REPLAY_QUEUE);
    replayer.registerWorkflowImplementationTypes(
        MigrationWorkflowImpl.class, io.cutover.workflow.wave.WaveWorkflowImpl.class);
    int failed = 0;
    for (WorkflowExecutionInfo i : open) {
      String id = i.getExecution().getWorkflowId();
      var history = client.fetchHistory(id, i.getExecution().getRunId());
      try {
        replayer.replayWorkflowExecution(history);
        out.println("✔ " + display(id) + ": replays (" + history.getEvents().size() + " events)");
      } catch (Exception e) {
        failed++;
        out.println(
            "✖ " + display(id) + ": does not replay on this build: " + Migrations.rootMessage(e));
      }
    }
    factory.shutdownNow();
    if (failed > 0) {
      out.println(
          failed
              + " of "
              + open.size()
              + " open migration(s) would fail on this build. Do not deploy it while they"
              + " are open: let them finish on the current build (see docs/runbook.md, \"Upgrading the worker\").");
      return ExitCodes.FAILED;
    }
    out.println("All " + open.size() + " open migration(s) replay on this build.");
    return ExitCodes.OK;
  }

  /** A migration by its name, a wave as {@code wave <name>}. */
  private static String display(String workflowId) {
    return workflowId.startsWith(io.cutover.workflow.wave.WavePlan.WORKFLOW_ID_PREFIX)
        ? "wave " + Waves.nameOf(workflowId)
        : Migrations.nameOf(workflowId);
  }
}
