package io.cutover.activities.clusterlink;

import io.cutover.activities.support.Heartbeat;
/**
 * Heartbeat details of {@code pauseOffsetSync}, read back by a retry of the same activity.
 *
 * @param drained the drain with sync on has finished, so a retry does not drain again
 * @param disableSent this activity is writing (or has written) {@code consumer.offset.sync.enable
 *     = "false"}; recorded before the write, so a retry that finds "false" knows it is its own
 */
public record PauseProgress(boolean drained, boolean disableSent) {
  public static final PauseProgress START = new PauseProgress(false, false);
}
