package io.cutover.workflow;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.ClusterLinkActivities.MirrorStates;
import io.cutover.workflow.activity.ClusterLinkActivities.PromoteResult;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.RecoveryReport;
import io.cutover.workflow.model.RecoveryReport.Outcome;
import io.cutover.workflow.model.RecoveryRequest;
import io.cutover.workflow.model.TopicSet;
import io.cutover.workflow.model.ValidationReport;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link RecoveryWorkflow}: reads the mirror states first, then either undoes the fence (nothing
 * was promoted) or finishes the cutover (something was). It never unfences once a topic is
 * promoted.
 */
public class RecoveryWorkflowImpl implements RecoveryWorkflow {
  static final Duration REFUSED_PAUSE = Duration.ofSeconds(5);

  /** Promote rounds a lagging topic gets (5 s apart) before the recovery fails naming it. */
  static final int PROMOTE_ROUNDS = 60;

  private final List<String> actions = new ArrayList<>();

  @Override
  public RecoveryReport recover(RecoveryRequest r) {
    MigrationPlan plan = r.plan();
    ValidationReport v = r.validation();
    Activities acts = new Activities(plan.policies());
    Targets.Link link = Targets.Link.of(plan);
    if (r.settle() != null && !r.settle().isZero() && !r.settle().isNegative()) {
      // A write of the ended run may still be running on a worker: let it end before reading or
      // undoing.
      Workflow.sleep(r.settle());
      actions.add(
          "waited "
              + Durations.format(r.settle())
              + " for a write the ended run had in flight to finish");
    }
    TopicSet topics;
    try {
      if (v.topics() == null) {
        throw new IllegalStateException("the last VALIDATE resolved no topics");
      }
      topics = v.topics().withPlanNames(plan.topics());
    } catch (IllegalStateException e) {
      // Failing the workflow, not its task: a task failure would retry this forever.
      throw ApplicationFailure.newNonRetryableFailure(
          "the ended run's plan does not list the topics its last"
              + " VALIDATE checked ("
              + v.topics()
              + "); recover cannot tell which topics to act on. Check the Gateway"
              + " CR's fence and the mirrors by hand. The gateway was left as it is.",
          "CannotTell");
    }
    MirrorStates states = states(acts, link, topics);
    actions.add("read the mirror states: " + states.describe());
    boolean promoted = r.pointOfNoReturnPassed() || states.anyPromoted();
    if (!promoted && states.other() > 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot tell whether a promote was applied: "
              + states.describe()
              + ". Inspect those mirrors (GET .../links/"
              + plan.linkName()
              + "/mirrors); when none is PENDING_STOPPED or"
              + " STOPPED, resume or recreate them and run recover again. The gateway was left as it is.",
          "CannotTell");
    }
    Targets.Gateway gw = Targets.Gateway.of(plan);
    if (!promoted) {
      // Every undo runs even if an earlier one failed: a failed restore must not keep clients
      // fenced.
      List<String> failures = new ArrayList<>();
      if (r.offsetSyncDisabled()) {
        attempt(
            failures,
            "restore offset sync",
            () ->
                acts.linkUndo
                    .restoreOffsetSync(
                        new ClusterLinkActivities.RestoreRequest(link, v.offsetSyncConfigs()))
                    .detail());
      }
      attempt(
          failures,
          "unfence",
          () ->
              acts.gatewayUndo
                  .unfenceRoutes(
                      new GatewayActivities.UnfenceRequest(
                          gw,
                          v.gateway(),
                          plan.policies().rolloutTimeout(),
                          plan.gateway().fenceRoutes()))
                  .detail());
      attempt(
          failures,
          "confirm traffic",
          () ->
              acts.gatewayUndo
                  .confirmTrafficFlows(
                      new GatewayActivities.TrafficCheckRequest(
                          gw, plan.gateway().fenceRoutes(), CutoverSteps.TRAFFIC_CHECK_TIMEOUT))
                  .detail());
      if (!failures.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "recovery incomplete: "
                + String.join("; ", failures)
                + ". Fix the cause and run recover again (each step is idempotent).",
            "RecoveryIncomplete");
      }
      return new RecoveryReport(Outcome.RETURNED_TO_SOURCE, actions);
    }
    promoteRemaining(acts, link, topics);
    note(
        acts.gateway
            .switchRoutes(
                GatewayActivities.SwitchRequest.of(
                    plan, v.gateway(), plan.policies().rolloutTimeout()))
            .detail());
    if (r.offsetSyncDisabled()) {
      note(
          acts.linkUndo
              .restoreOffsetSync(
                  new ClusterLinkActivities.RestoreRequest(link, v.offsetSyncConfigs()))
              .detail());
    }
    return new RecoveryReport(Outcome.FINISHED_ON_DESTINATION, actions);
  }

  private void attempt(
      List<String> failures, String what, java.util.function.Supplier<String> action) {
    try {
      note(action.get());
    } catch (ActivityFailure f) {
      failures.add(what + ": " + Failures.describe(f));
      actions.add(what + " failed: " + Failures.describe(f));
    }
  }

  private void note(String detail) {
    actions.add(detail);
  }

  /** The states over every topic, read a batch at a time (by reference), summed. */
  private static MirrorStates states(Activities acts, Targets.Link link, TopicSet topics) {
    MirrorStates all = new MirrorStates(0, 0, 0, 0, List.of());
    for (int i = 0; i < topics.size(); i += Promotion.MAX_BATCH) {
      TopicSet part = topics.part(i, Promotion.MAX_BATCH);
      all =
          all.plus(
              acts.mirrorsRead.describeMirrors(
                  new ClusterLinkActivities.DescribeMirrorsRequest(link, part)));
    }
    return all;
  }

  /** Promotes every topic not yet stopped (a promote of a promoted topic is accepted as is). */
  private void promoteRemaining(Activities acts, Targets.Link link, TopicSet topics) {
    for (int i = 0; i < topics.size(); i += Promotion.MAX_BATCH) {
      TopicSet ask = topics.part(i, Promotion.MAX_BATCH);
      for (int round = 1; ask.size() > 0; round++) {
        TopicSet batch = ask;
        PromoteResult result =
            acts.promote.promoteMirrors(
                new ClusterLinkActivities.PromoteRequest(link, batch, null));
        List<String> refused =
            result.rejected().stream().map(ClusterLinkActivities.TopicPromotion::topic).toList();
        if (result.accepted() > 0) {
          acts.mirrors.awaitMirrorsStopped(
              new ClusterLinkActivities.AwaitStoppedRequest(link, batch, refused));
          actions.add("promoted and STOPPED " + result.accepted() + " topic(s)");
        }
        if (!refused.isEmpty() && round >= PROMOTE_ROUNDS) {
          throw ApplicationFailure.newNonRetryableFailure(
              refused.size()
                  + " topic(s) kept refusing promotion, e.g. "
                  + result.rejected().get(0).topic()
                  + ": "
                  + result.rejected().get(0).message()
                  + ". Clients stay"
                  + " fenced; fix the cause and run recover again.",
              "PromotionRefused");
        }
        ask = TopicSet.listed(refused);
        if (!refused.isEmpty()) {
          Workflow.sleep(REFUSED_PAUSE);
        }
      }
    }
  }
}
