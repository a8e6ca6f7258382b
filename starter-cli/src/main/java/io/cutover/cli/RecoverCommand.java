package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.RecoveryWorkflow;
import io.cutover.workflow.model.RecoveryReport;
import io.cutover.workflow.model.RecoveryRequest;
import io.micronaut.context.annotation.Prototype;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "recover",
    mixinStandardHelpOptions = true,
    header = "Puts a group back in a safe state after its run ended.",
    description = {
      "Puts a group back in a safe state after its run ended mid-cutover (terminated, or stopped by the server).",
      "Reads the ended run's last status and plan, then the live mirror states: when no topic was promoted it lifts"
          + " the fence and restores offset sync (clients back on the source); when some were, it finishes the"
          + " promotion and the switch (clients on the destination); when the mirrors prove neither, it refuses and"
          + " says what to check. Refuses while the run is still open: use rollback or execute."
    },
    footer = {"%nExample:", "  cutover recover orders --as alice", ExitCodes.HELP})
public class RecoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(paramLabel = "MIGRATION", description = "Migration name (metadata.name).")
  String name;

  @Option(
      paramLabel = "DURATION",
      names = "--timeout",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "How long to wait for the recovery (default ${DEFAULT-VALUE}); it goes on after that.")
  Duration timeout;

  @Option(
      paramLabel = "DURATION",
      names = "--settle",
      defaultValue = "4m",
      converter = DurationConverter.class,
      description =
          "When the ended run had a write in flight, how long to let it finish before reading anything"
              + " (default ${DEFAULT-VALUE}, one attempt); 0s if every worker has been restarted since.")
  Duration settle;

  private final TemporalConnection connection;

  public RecoverCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    String migration = Migrations.nameOf(name);
    WorkflowExecutionStatus run =
        Migrations.describe(client, migration).orElseThrow(() -> Migrations.notFound(migration));
    if (run == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw new CliException(
          ExitCodes.FAILED,
          "migration "
              + migration
              + " is still running: it keeps its own fence"
              + " budget and compensation. Use `cutover rollback "
              + migration
              + "` or `cutover execute "
              + migration
              + "`; recover is for a run that ended mid-cutover.");
    }
    EndedRun last = EndedRun.read(client, migration);
    CutoverStep step = CutoverStep.valueOf(last.lastStep());
    // Before FENCE an attempt has written nothing; at rest the attempt was undone or finished.
    boolean changedNothing =
        !step.comesAfter(CutoverStep.AWAIT_APPROVAL)
            || switch (step) {
              case DONE, ROLLED_BACK, FAILED -> true;
              default -> false;
            };
    if (changedNothing) {
      out.println(
          "Nothing to recover: the run ended at "
              + step
              + ", where it leaves no fence and no paused"
              + " offset sync.");
      return ExitCodes.OK;
    }
    if (last.plan() == null
        || last.validation() == null
        || last.validation().gateway() == null
        || last.validation().topicCount() == 0) {
      throw new CliException(
          ExitCodes.FAILED,
          "the ended run's history has no gateway snapshot or topic list, so"
              + " recover cannot tell what to undo. Check the Gateway CR (its fence blocks) and the link's"
              + " consumer.offset.sync.enable by hand.");
    }
    out.println(
        "Run "
            + run.name().replace("WORKFLOW_EXECUTION_STATUS_", "")
            + " at "
            + step
            + (last.promoteAccepted() ? ", past the point of no return" : "")
            + ". Recovering "
            + last.validation().topicCount()
            + " topic(s)...");
    RecoveryWorkflow wf =
        client.newWorkflowStub(
            RecoveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RecoveryWorkflow.workflowIdFor(migration))
                .setTaskQueue(temporal.taskQueue())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setStaticSummary("Recovery of migration " + migration + " from " + step)
                .build());
    Duration wait = last.writesInFlight().isEmpty() ? Duration.ZERO : settle;
    if (!wait.isZero()) {
      out.println(
          "The ended run had "
              + String.join(", ", last.writesInFlight())
              + " in flight; waiting "
              + io.cutover.workflow.model.Durations.format(wait)
              + " for it to finish before reading anything.");
    }
    WorkflowClient.start(
        wf::recover,
        new RecoveryRequest(
            last.plan(),
            last.validation(),
            step,
            last.promoteAccepted(),
            last.offsetSyncDisabled(),
            wait,
            operator.who));
    try {
      RecoveryReport report =
          WorkflowStub.fromTyped(wf)
              .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, RecoveryReport.class);
      report.actions().forEach(a -> out.println("  ↳ " + a));
      out.println(
          report.outcome() == RecoveryReport.Outcome.RETURNED_TO_SOURCE
              ? "✔ Recovered: no topic was promoted; the fence is lifted and clients are back on the source."
              : "✔ Recovered: promotion finished and the route switched; clients are on the destination.");
      out.println(
          "Next: cutover init -f <manifest> under a new name to try again, or nothing if the cutover is done.");
      return ExitCodes.OK;
    } catch (TimeoutException e) {
      out.println(
          "The recovery goes on (workflow "
              + RecoveryWorkflow.workflowIdFor(migration)
              + "); check it in the Web UI.");
      return ExitCodes.DETACHED;
    } catch (WorkflowFailedException e) {
      throw new CliException(ExitCodes.FAILED, "recover stopped: " + Migrations.rootMessage(e));
    }
  }
}
