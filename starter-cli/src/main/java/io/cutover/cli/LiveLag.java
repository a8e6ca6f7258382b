package io.cutover.cli;

import io.cutover.workflow.model.LagSnapshot;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;

/**
 * The lag measurement a running lag activity last heartbeated. WAIT_FOR_LAG waits inside long
 * activities, so the workflow's own record of lag is only as fresh as the last one that returned;
 * the heartbeat, read from the pending activity, is live and costs no history.
 */
final class LiveLag {
  static final String ACTIVITY_TYPE = "AwaitLagBelow";

  private LiveLag() {}

  static Optional<LagSnapshot> of(DescribeWorkflowExecutionResponse run, DataConverter converter) {
    try {
      return run.getPendingActivitiesList().stream()
          .filter(
              a ->
                  ACTIVITY_TYPE.equals(a.getActivityType().getName())
                      && a.hasHeartbeatDetails()
                      && a.getHeartbeatDetails().getPayloadsCount() > 0)
          .map(
              a ->
                  converter.fromPayload(
                      a.getHeartbeatDetails().getPayloads(0), LagSnapshot.class, LagSnapshot.class))
          .findFirst();
    } catch (RuntimeException e) {
      return Optional.empty(); // live lag is a nicety: the workflow's own record still answers
    }
  }
}
