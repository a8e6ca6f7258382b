package io.cutover.activities.support;

import io.temporal.activity.Activity;

/**
 * How long-running activity code reports progress. The plain logic takes one, so it runs (and is
 * tested) without an activity context; the activity passes {@link #TEMPORAL}.
 */
@FunctionalInterface
public interface Heartbeat {
  /** Records the details with Temporal; also where a cancellation request is delivered. */
  Heartbeat TEMPORAL = details -> Activity.getExecutionContext().heartbeat(details);

  Heartbeat NONE = details -> {};

  void beat(Object details);
}
