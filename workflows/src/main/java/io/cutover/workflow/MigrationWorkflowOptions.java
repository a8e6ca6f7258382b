package io.cutover.workflow;

import io.cutover.workflow.model.MigrationPlan;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** How every starter (CLI, tests, demo) starts a migration workflow, so they agree. */
public final class MigrationWorkflowOptions {
  private MigrationWorkflowOptions() {}

  /**
   * Id {@code migration-<name>}; a second start with the same id fails while one is open (an
   * existing migration is re-initialised by Update, not started again), and after one that failed
   * validation a new init may reuse the id.
   */
  public static WorkflowOptions forPlan(MigrationPlan plan, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(plan.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setStaticSummary(plan.summary())
        .setStaticDetails(
            "Migration group `"
                + plan.name()
                + "`. Fence routes: "
                + plan.gateway().fenceRoutes()
                + ". Use the execute, approve and rollback Updates to drive it; the status query shows progress.")
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(StatusBook.STEP_KEY, CutoverStep.VALIDATE.name())
                .build())
        .build();
  }
}
