package io.cutover.workflow;

import io.cutover.workflow.model.RecoveryReport;
import io.cutover.workflow.model.RecoveryRequest;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Puts a migration group back in a safe state after its run ended without finishing (terminated by
 * hand or by the server, docs/runbook.md, "Recovering a run that ended mid-cutover"). The mirror
 * states decide the direction: none promoted, back to the source; any promoted, on to the
 * destination; states that prove nothing, refused.
 */
@WorkflowInterface
public interface RecoveryWorkflow {
  String WORKFLOW_TYPE = "RecoveryWorkflow";

  static String workflowIdFor(String migrationName) {
    return "recover-" + migrationName;
  }

  @WorkflowMethod(name = WORKFLOW_TYPE)
  RecoveryReport recover(RecoveryRequest request);
}
