package io.cutover.activities.gateway;

/**
 * Called on every poll of a wait. The activity passes {@code Activity...heartbeat(details)}, which
 * also throws when the activity was cancelled; plain tests pass a no-op or a recorder.
 */
@FunctionalInterface
public interface GatewayHeartbeat {
  GatewayHeartbeat NONE = details -> {};

  void beat(GatewayProgress details);
}
