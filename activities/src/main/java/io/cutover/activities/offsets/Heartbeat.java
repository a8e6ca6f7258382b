package io.cutover.activities.offsets;

import io.temporal.activity.Activity;

/**
 * Reports progress. In an activity it is the Temporal heartbeat, which also delivers cancellation
 * (it throws when the activity was cancelled); plain tests pass a recorder.
 */
@FunctionalInterface
public interface Heartbeat {

  /** Heartbeats the current activity's execution context with {@code details}. */
  Heartbeat TEMPORAL = details -> Activity.getExecutionContext().heartbeat(details);

  Heartbeat NONE = details -> {};

  void beat(Object details);
}
