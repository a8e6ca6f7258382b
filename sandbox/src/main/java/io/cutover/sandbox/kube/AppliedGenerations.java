package io.cutover.sandbox.kube;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When the operator simulator applied each Gateway generation and when its pods were replaced: the
 * external times a benchmark sets against the steps that wait for them (docs/performance.md).
 */
public final class AppliedGenerations {
  /**
   * One applied generation.
   *
   * @param appliedAt the proxy serves it (fenced, unfenced or re-routed)
   * @param rolledOutAt the old pods are gone and the rollout is complete; equal to {@code
   *     appliedAt} when no pod was replaced (hot reload, or the initial CR); null while the rollout
   *     runs
   */
  public record Applied(long generation, Instant appliedAt, Instant rolledOutAt, boolean fenced) {}

  private final Map<Long, Applied> byGeneration = new ConcurrentSkipListMap<>();

  void applied(long generation, boolean fenced, boolean rolling) {
    Instant now = Instant.now();
    byGeneration.put(generation, new Applied(generation, now, rolling ? null : now, fenced));
  }

  void rolledOut(long generation) {
    byGeneration.computeIfPresent(
        generation, (g, a) -> new Applied(g, a.appliedAt(), Instant.now(), a.fenced()));
  }

  /** Every applied generation, oldest first. */
  public List<Applied> all() {
    return List.copyOf(byGeneration.values());
  }
}
