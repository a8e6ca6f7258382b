package io.cutover.workflow;

import io.cutover.workflow.model.MigrationPlan;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;

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

  /**
   * A group started by a wave: the id, reuse policy, summary and step attribute of {@link
   * #forPlan}, plus the wave's attribute. The group outlives the wave's runs (a wave continues as
   * new, and a cancelled or terminated wave must not cut a cutover short), so closing the wave
   * abandons it.
   */
  public static ChildWorkflowOptions forWaveGroup(
      MigrationPlan plan, SearchAttributeKey<String> waveKey, String wave) {
    WorkflowOptions alone = forPlan(plan, io.temporal.workflow.Workflow.getInfo().getTaskQueue());
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(alone.getWorkflowId())
        .setTaskQueue(alone.getTaskQueue())
        .setWorkflowIdReusePolicy(alone.getWorkflowIdReusePolicy())
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setCancellationType(ChildWorkflowCancellationType.ABANDON)
        .setStaticSummary(alone.getStaticSummary())
        .setStaticDetails(alone.getStaticDetails() + " Part of wave `" + wave + "`.")
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(StatusBook.STEP_KEY, CutoverStep.VALIDATE.name())
                .set(waveKey, wave)
                .build())
        .build();
  }
}
