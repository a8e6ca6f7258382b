package io.cutover.cli;

import io.cutover.workflow.PlanCheckWorkflow;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.PlanCheckReport;
import io.cutover.workflow.model.TopicLag;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --dry-run} of init and execute (docs/runbook.md, "Dry run"): runs {@link
 * PlanCheckWorkflow} on a worker, where the real run's credentials are, and prints a verdict per
 * check. It never starts or signals the migration's own workflow.
 */
final class DryRun {
  private DryRun() {}

  /**
   * Runs the checks for {@code plan} and prints them.
   *
   * @return {@link ExitCodes#OK} when a real run would pass VALIDATE, {@link ExitCodes#FAILED}
   *     otherwise
   */
  static int run(
      WorkflowClient client, String taskQueue, MigrationPlan plan, Duration wait, PrintWriter out) {
    out.println("Dry run of " + plan.name() + ": nothing will be changed.");
    PlanCheckWorkflow wf =
        client.newWorkflowStub(
            PlanCheckWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(PlanCheckWorkflow.workflowIdFor(plan.name()))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowExecutionTimeout(wait)
                .setStaticSummary("Dry run of migration " + plan.name())
                .build());
    PlanCheckReport report;
    try {
      WorkflowClient.start(wf::check, plan);
      report =
          WorkflowStub.fromTyped(wf)
              .getResult(wait.toMillis(), TimeUnit.MILLISECONDS, PlanCheckReport.class);
    } catch (io.temporal.client.WorkflowExecutionAlreadyStarted e) {
      throw new CliException(
          ExitCodes.FAILED,
          "a dry run of "
              + plan.name()
              + " is already running (workflow "
              + PlanCheckWorkflow.workflowIdFor(plan.name())
              + "); wait for it, then try again");
    } catch (TimeoutException e) {
      throw new CliException(
          ExitCodes.DETACHED,
          "the dry run did not finish within "
              + io.cutover.workflow.model.Durations.format(wait)
              + "; is a Cutover worker polling task queue "
              + taskQueue
              + "?");
    } catch (WorkflowException e) {
      throw new CliException(ExitCodes.FAILED, "the dry run failed: " + Migrations.rootMessage(e));
    }
    return print(report, plan, out);
  }

  static int print(PlanCheckReport report, MigrationPlan plan, PrintWriter out) {
    ValidationReport v = report.validation();
    v.warnings().forEach(w -> out.println("⚠ " + w));
    v.problems().forEach(p -> out.println("✖ " + p));
    if (v.passed()) {
      out.println("✔ VALIDATE: " + v.summary());
      out.println(
          "✔ topics: "
              + v.topicCount()
              + " ACTIVE mirror topic(s) in scope"
              + (plan.everyMirror() ? " (every mirror on the link)" : ""));
      out.println(
          "✔ fence and switch: the fenced and the switched Gateway CR were accepted as server-side"
              + " dry runs");
    }
    if (report.lag() != null) {
      var lag = report.lag();
      out.println(
          "  per topic: "
              + lag.zeroLagTopics()
              + " at lag 0, "
              + (lag.topicCount() - lag.zeroLagTopics() - lag.overThreshold())
              + " within the threshold, "
              + lag.overThreshold()
              + " above it");
      if (lag.withinThreshold()) {
        out.println(
            "✔ lag: every topic at or below "
                + plan.policies().lagThreshold()
                + " (total "
                + lag.totalLag()
                + "); CHECK_LAG would pass at once");
      } else {
        out.println(
            "⚠ lag: "
                + lag.overThreshold()
                + " of "
                + lag.topicCount()
                + " topic(s) above "
                + plan.policies().lagThreshold()
                + " (total "
                + lag.totalLag()
                + "); a real run waits in WAIT_FOR_LAG until they catch up");
        for (TopicLag t : lag.lagging()) {
          out.println("    " + t.topic() + ": " + t.lag());
        }
      }
    }
    boolean refused = report.refused();
    out.println(
        refused
            ? "✖ A real run would be refused: fix the problems above. Nothing was changed."
            : "✔ A real run would start. Nothing was changed.");
    return refused ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
