package io.cutover.cli;

import io.cutover.manifest.ManifestException;
import io.cutover.manifest.ManifestParser;
import io.cutover.manifest.ManifestPlans;
import io.cutover.manifest.ParsedManifest;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.ValidationReport;
import io.micronaut.context.annotation.Prototype;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    header = "Starts a migration and validates it against the live systems.",
    description = {
      "Reads the manifest, starts the migration's workflow (or re-validates an existing one) and waits for"
          + " VALIDATE: prints every problem, or a summary of the plan. Changes nothing outside Temporal.",
      "Re-running init with an edited manifest replaces the plan, until the cutover passes the point of no return.",
      "With --dry-run, runs the same checks on a worker without starting the migration and prints a verdict per"
          + " check (exit 1 when a real run would be refused)."
    },
    footer = {
      "%nExamples:",
      "  cutover init -f migration.yaml",
      "  cutover init -f migration.yaml --dry-run",
      ExitCodes.HELP
    })
public class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "MANIFEST",
      description = "GatewayMigration manifest (kcp.confluent.io/v1alpha1 or cutover.io/v1alpha1).")
  Path manifest;

  @Option(
      paramLabel = "DURATION",
      names = "--wait",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "How long to wait for validation (default ${DEFAULT-VALUE}).")
  Duration wait;

  @Option(
      names = "--dry-run",
      description =
          "Check the manifest against the live systems on a worker (VALIDATE, the fenced and switched"
              + " CR as server-side dry runs, the topics, one lag reading) without starting the migration.")
  boolean dryRun;

  private final TemporalConnection connection;

  public InitCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ParsedManifest parsed;
    try {
      // Credential files are read on the worker; here only the manifest's shape is checked.
      parsed = new ManifestParser(System.getenv(), false).parse(manifest);
    } catch (ManifestException e) {
      throw new CliException(ExitCodes.FAILED, e.getMessage());
    }
    parsed.warnings().forEach(w -> out.println("⚠ " + w));
    MigrationPlan plan = ManifestPlans.toPlan(parsed);
    WorkflowClient client = connection.client(temporal);
    if (dryRun) {
      return DryRun.run(client, temporal.taskQueue(), plan, wait, out);
    }
    Optional<WorkflowExecutionStatus> existing = Migrations.describe(client, plan.name());
    boolean running =
        existing
            .filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .isPresent();
    ValidationReport report;
    if (running) {
      out.println("Migration " + plan.name() + " exists: re-validating it with this manifest...");
      report =
          Updates.send(
              client,
              plan.name(),
              "init",
              "reinit",
              Updates.reinitId(plan),
              ValidationReport.class,
              wait,
              plan);
    } else {
      report = start(client, plan, out);
    }
    return printReport(out, plan, report);
  }

  private ValidationReport start(WorkflowClient client, MigrationPlan plan, PrintWriter out) {
    MigrationWorkflow wf =
        client.newWorkflowStub(
            MigrationWorkflow.class, MigrationWorkflowOptions.forPlan(plan, temporal.taskQueue()));
    try {
      WorkflowClient.start(wf::run, plan, null);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted e) {
      throw new CliException(
          ExitCodes.FAILED,
          "migration "
              + plan.name()
              + " already ran to an end (workflow "
              + plan.workflowId()
              + "); a finished migration cannot be initialised again under the same name.");
    }
    out.println(
        "Started migration "
            + plan.name()
            + " (workflow "
            + plan.workflowId()
            + "); validating...");
    MigrationStatus s =
        Follow.until(client, plan.name(), wait, st -> st.step() != CutoverStep.VALIDATE);
    if (s == null) {
      throw new CliException(
          ExitCodes.DETACHED,
          "validation did not finish within "
              + io.cutover.workflow.model.Durations.format(wait)
              + "; is a Cutover"
              + " worker polling task queue "
              + temporal.taskQueue()
              + "? Check with `cutover status "
              + plan.name()
              + "`.");
    }
    return s.validation();
  }

  private int printReport(PrintWriter out, MigrationPlan plan, ValidationReport report) {
    if (report == null) {
      throw new CliException(
          ExitCodes.FAILED,
          "validation produced no report; see `cutover status " + plan.name() + "`");
    }
    report.warnings().forEach(w -> out.println("⚠ " + w));
    if (!report.passed()) {
      out.println("✖ " + report.problemsText());
      out.println("Nothing was changed. Fix the problems, then run init again.");
      return ExitCodes.FAILED;
    }
    out.println("✔ " + report.summary());
    out.println(
        "  topics:   "
            + report.topics().size()
            + (plan.everyMirror()
                ? " (every mirror on the link)"
                : plan.topicPatterns().isEmpty()
                    ? ""
                    : " (the mirrors matching " + String.join(", ", plan.topicPatterns()) + ")"));
    var g = plan.gateway();
    out.println(
        "  gateway:  "
            + g.namespace()
            + "/"
            + g.name()
            + ", fencing routes "
            + g.fenceRoutes()
            + ", then "
            + (g.targetStreamingDomain().isEmpty()
                ? "applying " + g.switchoverCrSource()
                : "binding them to streaming domain "
                    + g.targetStreamingDomain()
                    + " (derived from the live CR)"));
    out.println("  policies: " + Printer.policies(plan.policies()));
    out.println("⚠ " + plan.policies().fenceErrorCode().clientImpact());
    out.println("Next: cutover execute " + plan.name());
    return ExitCodes.OK;
  }
}
