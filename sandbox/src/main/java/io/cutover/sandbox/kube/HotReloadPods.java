package io.cutover.sandbox.kube;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What each pod of a hot-reload gateway serves on {@code GET /config} (docs/sandbox.md, "Hot-reload
 * gateway"): after the operator applies a generation in place, every current pod serves that
 * generation's {@code spec.configId}; at rest a pod serves the id of the last applied generation. A
 * pod that has served nothing yet answers 503 through the API's {@code pods/proxy} ({@link
 * GatewayAdmission}).
 *
 * <p>Two fault knobs, each on one pod (the first by name when the knob is set): {@link
 * #lagOnePod(Duration)} makes it pick every change up that much later, {@link #stallOnePod()} makes
 * it never pick one up until {@link #resumeStalledPod()}, which then serves the newest id at once.
 * These are what the worker's per-pod confirmation has to wait for or time out on.
 */
public final class HotReloadPods implements AutoCloseable {
  /** The gateway's default {@code /config} port (kcp's {@code gatewayConfigPort}). */
  public static final int CONFIG_PORT = 9180;

  /** A pod's answer: the id it serves and the CR generation that id came with. */
  public record Served(String configId, long generation) {}

  private final Supplier<List<String>> podNames;
  private final Map<String, Served> served = new ConcurrentHashMap<>();
  private final ScheduledExecutorService lagging;
  private volatile Served newest;
  private volatile String laggingPod;
  private volatile Duration lag = Duration.ZERO;
  private volatile String stalledPod;

  HotReloadPods(Supplier<List<String>> podNames, String gatewayName) {
    this.podNames = podNames;
    this.lagging =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gateway-pod-lag-" + gatewayName);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The operator applied {@code generation} in place: every current pod serves {@code configId},
   * except the stalled one (never) and the lagging one (after the lag). No id (a CR without {@code
   * spec.configId}) changes nothing: the pods keep serving what they served.
   */
  void applied(long generation, String configId) {
    if (configId == null || configId.isEmpty()) {
      return;
    }
    Served next = new Served(configId, generation);
    newest = next;
    for (String pod : podNames.get()) {
      if (pod.equals(stalledPod)) {
        continue;
      }
      Duration d = lag;
      if (pod.equals(laggingPod) && !d.isZero()) {
        // Only if nothing newer reached the pod meanwhile: a late pick-up never goes backwards.
        lagging.schedule(() -> serve(pod, next), d.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        serve(pod, next);
      }
    }
  }

  private void serve(String pod, Served s) {
    served.merge(pod, s, (old, neu) -> neu.generation() >= old.generation() ? neu : old);
  }

  /** What {@code pod}'s {@code /config} answers; empty while it serves nothing. */
  public Optional<Served> served(String pod) {
    return Optional.ofNullable(served.get(pod));
  }

  /**
   * From the next change on, one pod picks each change up {@code lag} after the others; {@link
   * Duration#ZERO} ends that.
   *
   * @return the lagging pod's name
   */
  public String lagOnePod(Duration lag) {
    String pod = firstPod();
    this.lag = Objects.requireNonNull(lag);
    this.laggingPod = lag.isZero() ? null : pod;
    return pod;
  }

  /**
   * From the next change on, one pod never picks a change up and keeps serving what it served.
   *
   * @return that pod's name
   */
  public String stallOnePod() {
    String pod = firstPod();
    stalledPod = pod;
    return pod;
  }

  /** Ends {@link #stallOnePod()}: the pod serves the newest applied id at once. */
  public void resumeStalledPod() {
    String pod = stalledPod;
    stalledPod = null;
    Served s = newest;
    if (pod != null && s != null) {
      serve(pod, s);
    }
  }

  private String firstPod() {
    return podNames.get().stream()
        .min(Comparator.naturalOrder())
        .orElseThrow(() -> new IllegalStateException("the gateway has no pod"));
  }

  @Override
  public void close() {
    lagging.shutdownNow();
  }
}
