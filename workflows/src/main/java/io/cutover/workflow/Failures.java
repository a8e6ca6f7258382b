package io.cutover.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;

/** Turns Temporal failure chains into the one line an operator needs. */
final class Failures {
  private Failures() {}

  static String describe(Throwable t) {
    Throwable c = t;
    while (c instanceof ActivityFailure && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof ApplicationFailure af) {
      return af.getOriginalMessage() + (af.getType() == null ? "" : " [" + af.getType() + "]");
    }
    if (c instanceof TimeoutFailure tf) {
      String last = tf.getCause() instanceof ApplicationFailure af ? ": " + af.getOriginalMessage() : "";
      return "activity timed out (" + tf.getTimeoutType() + ")" + last;
    }
    if (c instanceof CanceledFailure) {
      return "cancelled";
    }
    return c.getMessage();
  }

  static boolean isCancellation(Throwable t) {
    return t instanceof CanceledFailure || (t instanceof ActivityFailure && t.getCause() instanceof CanceledFailure);
  }
}
