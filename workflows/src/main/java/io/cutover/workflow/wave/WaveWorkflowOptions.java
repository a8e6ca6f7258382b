package io.cutover.workflow.wave;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** How every starter (CLI, tests, benchmarks) starts a wave, so they agree. */
public final class WaveWorkflowOptions {
  private WaveWorkflowOptions() {}

  /**
   * Id {@code wave-<name>}; a second start fails while one is open, and after a wave that failed a
   * new init may reuse the id. The wave's search attribute lists it with its groups in the Web UI
   * ({@code CutoverWave = "<name>"}).
   */
  public static WorkflowOptions forPlan(WavePlan plan, String taskQueue) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(plan.workflowId())
        .setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setStaticSummary(
            "Wave "
                + plan.name()
                + ": "
                + plan.groups().size()
                + " group(s), "
                + plan.concurrency()
                + " at once")
        .setStaticDetails(
            "Wave `"
                + plan.name()
                + "`: groups "
                + String.join(", ", plan.groups().stream().map(WavePlan.WaveGroup::name).toList())
                + ". Its groups are its children; `CutoverWave = \""
                + plan.name()
                + "\"` lists them. Use the execute, approve and rollback Updates to drive it.")
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder().set(WaveBook.WAVE_KEY, plan.name()).build())
        .build();
  }
}
