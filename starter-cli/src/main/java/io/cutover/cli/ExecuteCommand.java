package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.UpdateAck;
import io.micronaut.context.annotation.Prototype;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "execute",
    mixinStandardHelpOptions = true,
    modelTransformer = PolicyOptions.Transformer.class,
    header = "Runs the cutover of a migration and follows it step by step.",
    description = {
      "Starts the cutover of an initialised migration (or resumes it after a rollback, or retries a held step)"
          + " and follows it step by step.",
      "Ctrl+C only stops following: the cutover goes on in Temporal. Run execute again to attach."
    },
    footer = {
      "%nExamples:",
      "  cutover execute orders",
      "  cutover execute orders --fence-error-code NOT_LEADER_OR_FOLLOWER",
      "  cutover execute orders --detect-unrouted-producers-duration 30s",
      "  cutover execute orders --detach            # send and return",
      "  cutover execute orders --as carol --reason 'CHG-42 window'",
      ExitCodes.HELP
    })
public class ExecuteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  /** One option per policy, added by {@link PolicyOptions.Transformer}. */
  final PolicyOptions policies = new PolicyOptions();

  @Parameters(
      index = "0",
      paramLabel = "MIGRATION",
      description = "Migration name (metadata.name).")
  String name;

  @Option(names = "--detach", description = "Send execute and return without following.")
  boolean detach;

  @Option(
      paramLabel = "DURATION",
      names = "--timeout",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description =
          "Stop following after this long (exit 5); the cutover goes on. Default ${DEFAULT-VALUE}.")
  Duration timeout;

  private final TemporalConnection connection;

  public ExecuteCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    MigrationStatus before = Migrations.status(client, name);
    int attempt;
    try {
      ExecuteRequest request =
          new ExecuteRequest(operator.who, policies.toOverrides(), operator.reason);
      var ack =
          Updates.send(
              client,
              name,
              "execute",
              "execute",
              Updates.executeId(before, request.overrides()),
              UpdateAck.class,
              Updates.ANSWER,
              request);
      out.println("✔ " + ack.message());
      attempt = before.held() ? before.attempt() : before.attempt() + 1;
    } catch (CliException e) {
      if (!e.getMessage().contains("is already running")
          && !e.getMessage().contains("already queued")) {
        throw e;
      }
      out.println(
          "Attaching to the running attempt " + before.attempt() + " (" + before.step() + ").");
      attempt = before.attempt();
    }
    if (detach) {
      out.println(
          "Detached. Follow with `cutover status " + Migrations.nameOf(name) + " --watch`.");
      return ExitCodes.OK;
    }
    return follow(client, out, attempt);
  }

  private int follow(WorkflowClient client, PrintWriter out, int attempt) {
    Thread hook =
        ShutdownHooks.add(
            () -> {
              out.println();
              out.println(
                  "Detached: the cutover goes on in Temporal. Attach again with `cutover execute "
                      + Migrations.nameOf(name)
                      + "` or watch with `cutover status "
                      + Migrations.nameOf(name)
                      + " --watch`.");
              out.flush();
            });
    try {
      Progress progress = new Progress(out, attempt);
      MigrationStatus end =
          Follow.until(client, name, timeout, s -> ended(s, attempt), progress::show);
      if (end == null) {
        out.println(
            "Stopped following after "
                + io.cutover.workflow.model.Durations.format(timeout)
                + "; the cutover goes on.");
        return ExitCodes.DETACHED;
      }
      return outcome(out, end);
    } finally {
      ShutdownHooks.remove(hook);
    }
  }

  static boolean ended(MigrationStatus s, int attempt) {
    if (s.attempt() < attempt) {
      return false; // our execute has not been picked up yet
    }
    return s.resting();
  }

  private static int outcome(PrintWriter out, MigrationStatus s) {
    if (s.step() == CutoverStep.DONE) {
      out.println(
          "✅ Cutover complete: "
              + s.stoppedCount()
              + " topic(s) promoted; clients are on the destination.");
      s.steps().stream()
          .filter(r -> r.attempt() == s.attempt())
          .forEach(
              r ->
                  out.printf(
                      "   %-19s %s%n",
                      r.step(),
                      r.endedAt() == null
                          ? ""
                          : io.cutover.workflow.model.Durations.format(
                              Duration.ofMillis(r.durationMillis()))));
      if (s.strandedWrites() != null && s.strandedWrites().any()) {
        out.println("⚠ Stranded writes: " + s.strandedWrites().describe());
        return ExitCodes.STRANDED;
      }
      return ExitCodes.OK;
    }
    out.println("✖ " + (s.lastError() == null ? s.step().description() : s.lastError()));
    out.println("Next: " + s.nextAction());
    return ExitCodes.FAILED;
  }
}
