package io.cutover.activities.gateway;

import java.time.Instant;
import java.util.List;

/**
 * Heartbeat details of a gateway write. A retried attempt that finds the CR already written reads
 * them to keep waiting for the same pods and to judge conditions against the same write time,
 * instead of treating the write as a no-op and skipping the pod wait.
 *
 * @param desiredHash hash of the desired spec this attempt writes
 * @param phase what is being waited for: write, acceptance, rollout
 * @param writtenAt when the write was sent; null before it was
 * @param generation metadata.generation after the write (0 before)
 * @param oldPodUids gateway pods that existed before the write
 * @param detail what the last poll saw, for the Temporal UI
 */
public record GatewayProgress(
    String desiredHash,
    String phase,
    Instant writtenAt,
    long generation,
    List<String> oldPodUids,
    String detail) {

  public GatewayProgress {
    oldPodUids = oldPodUids == null ? List.of() : List.copyOf(oldPodUids);
  }

  public GatewayProgress with(String newPhase, String newDetail) {
    return new GatewayProgress(desiredHash, newPhase, writtenAt, generation, oldPodUids, newDetail);
  }
}
