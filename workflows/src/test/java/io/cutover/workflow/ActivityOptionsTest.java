package io.cutover.workflow;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.workflow.activity.CutoverActivityOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Timeouts that match what each activity does (review M8, m4). */
class ActivityOptionsTest {

  @Test
  void anUndoBudgetAlwaysOutlastsSeveralAttemptsHoweverLongTheRolloutTimeout() {
    var p = Plans.policies(b -> b.with(x -> x.rolloutTimeout = Duration.ofMinutes(20)));
    var o = CutoverActivityOptions.gatewayUndo(p);
    assertTrue(
        o.getScheduleToCloseTimeout().compareTo(o.getStartToCloseTimeout().multipliedBy(3)) >= 0,
        o.getScheduleToCloseTimeout() + " vs one attempt of " + o.getStartToCloseTimeout());
  }

  @Test
  void
      linkWritesHeartbeatPerRestCallSoTheirTimeoutOutlastsOneCallAndTheyWaitForTheirCancellation() {
    Duration oneCall = Duration.ofSeconds(40); // connect 10 s + read 30 s (worker application.yml)
    for (var o :
        java.util.List.of(
            CutoverActivityOptions.linkWrite(),
            CutoverActivityOptions.promote(),
            CutoverActivityOptions.linkUndo())) {
      assertTrue(
          o.getHeartbeatTimeout().compareTo(oneCall) > 0, o.getHeartbeatTimeout().toString());
    }
    assertEquals(
        io.temporal.activity.ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        CutoverActivityOptions.linkWrite().getCancellationType());
    assertNull(
        CutoverActivityOptions.validation().getHeartbeatTimeout(),
        "VALIDATE beats only between phases");
  }

  @Test
  void theReadThatSettlesALostPromoteRetriesWithoutLimitOrDeadline() {
    var o = CutoverActivityOptions.mirrorStatesRead();
    assertEquals(0, o.getRetryOptions().getMaximumAttempts());
    assertNull(o.getScheduleToCloseTimeout());
  }
}
