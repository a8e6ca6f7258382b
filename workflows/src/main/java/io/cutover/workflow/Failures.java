package io.cutover.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;

/** Turns Temporal failure chains into the one line an operator needs. */
public final class Failures {
  private Failures() {}

  public static String describe(Throwable t) {
    Throwable c = t;
    while (c instanceof ActivityFailure && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof ApplicationFailure af) {
      return af.getOriginalMessage() + (af.getType() == null ? "" : " [" + af.getType() + "]");
    }
    if (c instanceof TimeoutFailure tf) {
      String last =
          tf.getCause() instanceof ApplicationFailure af ? ": " + af.getOriginalMessage() : "";
      return "activity timed out (" + tf.getTimeoutType() + ")" + last;
    }
    if (c instanceof CanceledFailure) {
      return "cancelled";
    }
    return c.getMessage();
  }

  /**
   * After an activity timed out its attempt may still be running on a worker, and its write may
   * still land: wait out one attempt before reading what it did or undoing it. Other failures come
   * from an attempt that has ended.
   */
  static void settleAfterTimeout(ActivityFailure failure, Guard guard) {
    if (failure.getCause() instanceof TimeoutFailure) {
      guard.protect(
          () -> {
            Workflow.sleep(io.cutover.workflow.activity.CutoverActivityOptions.REST_WRITE_ATTEMPT);
            return null;
          });
    }
  }
}
