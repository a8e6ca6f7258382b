package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.PolicyOverrides;
import io.cutover.workflow.model.UpdateAck;
import io.micronaut.context.annotation.Prototype;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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
      "  cutover execute orders --dry-run --lag-threshold 100   # check, change nothing",
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
      names = "--dry-run",
      description =
          "Check this execute without sending it: the migration's plan with these overrides, through every"
              + " VALIDATE check on a worker and one lag reading; exit 1 when it would be refused.")
  boolean dryRun;

  @Option(
      paramLabel = "DURATION",
      names = "--timeout",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description =
          "Stop following after this long (exit 5); the cutover goes on. Default ${DEFAULT-VALUE}.")
  Duration timeout;

  /** A dry run is VALIDATE and one lag reading: minutes at most, whatever --timeout says. */
  static final Duration DRY_RUN_WAIT = Duration.ofMinutes(5);

  private final TemporalConnection connection;

  public ExecuteCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    MigrationStatus before = Migrations.status(client, name);
    if (dryRun) {
      return dryRun(client, before, out);
    }
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

  /**
   * The plan in force with these overrides, through the dry run; the refusals execute's own
   * validator would give in this state are found here first (docs/runbook.md, "Dry run").
   */
  private int dryRun(WorkflowClient client, MigrationStatus before, PrintWriter out) {
    MigrationPlan plan = EndedRun.read(client, Migrations.nameOf(name)).plan();
    PolicyOverrides overrides = policies.toOverrides();
    String refused =
        before.step() == CutoverStep.DONE
            ? "execute: the cutover is already complete"
            : !before.resting()
                ? "execute: attempt "
                    + before.attempt()
                    + " is running (at "
                    + before.step()
                    + "); a dry run checks the next attempt: run it once this one rests"
                : null;
    if (refused != null) {
      // The state refuses any execute: checking the systems would say nothing about a next run.
      out.println("✖ " + refused);
      out.println("Nothing was changed.");
      return ExitCodes.FAILED;
    }
    if (before.held()) {
      return dryRunHeldRetry(before, overrides, out);
    }
    Policies effective = overrides.applyTo(plan.policies());
    return DryRun.run(
        client,
        temporal.taskQueue(),
        plan.withPolicies(effective),
        timeout.compareTo(DRY_RUN_WAIT) < 0 ? timeout : DRY_RUN_WAIT,
        out);
  }

  /**
   * A held attempt's retry resumes at the held step with the attempt's own policies and runs no
   * VALIDATE, so its dry run checks what its validator checks: only retry-safe overrides.
   */
  private static int dryRunHeldRetry(
      MigrationStatus before, PolicyOverrides overrides, PrintWriter out) {
    List<String> unsafe =
        overrides.changes(before.policies()).stream()
            .filter(n -> !Policies.RETRY_SAFE.contains(n))
            .map(n -> PolicyCatalog.named(n).flag())
            .toList();
    out.println(
        "Dry run of a retry: attempt "
            + before.attempt()
            + " is held at "
            + before.step()
            + "; a retry resumes there with the attempt's policies and runs no VALIDATE.");
    if (!unsafe.isEmpty()) {
      out.println(
          "✖ "
              + String.join(", ", unsafe)
              + ": a retry may change only "
              + String.join(", ", Policies.RETRY_SAFE)
              + " (the others shaped what the attempt already did); drop "
              + (unsafe.size() == 1 ? "that override" : "those overrides"));
      out.println("✖ The retry would be refused. Nothing was changed.");
      return ExitCodes.FAILED;
    }
    out.println("✔ The retry would be accepted. Nothing was changed.");
    return ExitCodes.OK;
  }

  static boolean ended(MigrationStatus s, int attempt) {
    if (s.attempt() < attempt) {
      return false; // our execute has not been picked up yet
    }
    // execute follows the watch after DONE, so its exit code counts every stranded record
    return s.resting() && !s.watchingForStrandedWrites();
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
      if (s.offsetHandoff() != null) {
        out.println(
            (s.offsetHandoff().allMatched() ? "   Consumer offsets: " : "⚠ Consumer offsets: ")
                + s.offsetHandoff().describe());
      }
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
