package io.cutover.workflow;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.PlanCheckReport;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A dry run (docs/runbook.md, "Dry run"): every check VALIDATE runs, on the worker that would run
 * the cutover and with its credentials, plus one lag measurement over the validated topics, as
 * CHECK_LAG would take it. It writes nothing: VALIDATE's fenced and switched CRs are server-side
 * dry runs, and the lag is read, not waited for.
 */
@WorkflowInterface
public interface PlanCheckWorkflow {
  String WORKFLOW_TYPE = "PlanCheckWorkflow";

  static String workflowIdFor(String migrationName) {
    return "dry-run-" + migrationName;
  }

  @WorkflowMethod(name = WORKFLOW_TYPE)
  PlanCheckReport check(MigrationPlan plan);
}
