package io.cutover.workflow;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.CutoverActivityOptions;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.ValidationActivities;
import io.cutover.workflow.model.Policies;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Activity stubs for one attempt; their timeouts follow the attempt's policies. */
final class Activities {
  final ValidationActivities validation;
  final GatewayActivities gateway;
  final GatewayActivities gatewayUndo;
  final ClusterLinkActivities linkDrain;
  final ClusterLinkActivities link;
  final ClusterLinkActivities promote;
  final ClusterLinkActivities linkUndo;
  final ClusterLinkActivities mirrors;
  final ClusterLinkActivities mirrorsRead;
  final OffsetActivities fencedFinish;
  final OffsetActivities strandedWatch;
  final Policies policies;

  Activities(Policies p) {
    policies = p;
    validation =
        Workflow.newActivityStub(ValidationActivities.class, CutoverActivityOptions.validation());
    gateway =
        Workflow.newActivityStub(
            GatewayActivities.class, control(CutoverActivityOptions.gateway(p)));
    gatewayUndo =
        Workflow.newActivityStub(
            GatewayActivities.class, control(CutoverActivityOptions.gatewayUndo(p)));
    linkDrain =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, CutoverActivityOptions.offsetSyncDrain(p));
    link =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, control(CutoverActivityOptions.linkWrite()));
    promote =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, control(CutoverActivityOptions.promote()));
    linkUndo =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, control(CutoverActivityOptions.linkUndo()));
    mirrors =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, CutoverActivityOptions.mirrorsStopped());
    mirrorsRead =
        Workflow.newActivityStub(
            ClusterLinkActivities.class, control(CutoverActivityOptions.mirrorStatesRead()));
    fencedFinish =
        Workflow.newActivityStub(OffsetActivities.class, CutoverActivityOptions.fencedFinish());
    strandedWatch =
        Workflow.newActivityStub(OffsetActivities.class, CutoverActivityOptions.strandedRecheck());
  }

  /**
   * Writes, undo actions and the read that settles a lost promote get reserved slots on the control
   * queue.
   */
  private static ActivityOptions control(ActivityOptions o) {
    return o.toBuilder()
        .setTaskQueue(MigrationWorkflow.controlQueue(Workflow.getInfo().getTaskQueue()))
        .build();
  }

  /** Offset reads wait up to {@code longestWait} inside the activity. */
  OffsetActivities offsets(Duration longestWait) {
    return Workflow.newActivityStub(
        OffsetActivities.class, CutoverActivityOptions.offsets(longestWait));
  }
}
