package io.cutover.activities.clusterlink;

/**
 * Reports progress while waiting. In an activity it records Temporal heartbeat details (and throws
 * when the activity is cancelled); in plain tests it is a lambda or a no-op.
 */
@FunctionalInterface
public interface Heartbeat {
  Heartbeat NONE = details -> {};

  void beat(Object details);
}
