package io.cutover.workflow;

import io.cutover.workflow.activity.OffsetActivities.LagRequest;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.PlanCheckReport;
import io.cutover.workflow.model.TopicSet;
import io.cutover.workflow.model.ValidationReport;
import java.time.Duration;

/**
 * {@link PlanCheckWorkflow}: VALIDATE's activity with the plan as given, then, when it passes, one
 * lag measurement ({@code maxWait} zero: the first reading is the answer).
 */
public class PlanCheckWorkflowImpl implements PlanCheckWorkflow {

  @Override
  public PlanCheckReport check(MigrationPlan plan) {
    Activities acts = new Activities(plan.policies());
    ValidationReport v = acts.validation.validatePlan(plan);
    if (!v.passed() || v.topics() == null) {
      return new PlanCheckReport(v, null);
    }
    TopicSet topics = v.topics().withPlanNames(plan.topics());
    LagRequest req = LagRequest.of(plan, topics, plan.policies().lagThreshold(), Duration.ZERO);
    LagSnapshot lag = acts.offsets(Duration.ZERO).awaitLagBelow(req);
    return new PlanCheckReport(v, lag);
  }
}
