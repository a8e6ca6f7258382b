package io.cutover.demo.bench;

import io.cutover.workflow.activity.ClusterLinkActivities;
import io.cutover.workflow.activity.GatewayActivities;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import io.cutover.workflow.activity.ValidationActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The outside world of many groups at once, paced like the real one: a lag wait holds its activity
 * slot and heartbeats until the group's lag has drained, gateway writes take a hot-reload rollout,
 * link writes a REST round trip. Answers come from {@link SizedSystems} (realistic sizes). Every
 * activity records its schedule-to-start latency, by activity type: the figure the benchmark is
 * about. The groups in {@link #rogue} see an unrouted producer in their first VALIDATE of the
 * fence, and roll back.
 */
final class PacedSystems {
  /** Schedule-to-start latency of each activity, in ms, by method name. */
  final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

  final Set<String> rogue = ConcurrentHashMap.newKeySet();
  private final Set<String> caught = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> drainedAt = new ConcurrentHashMap<>();
  private final SizedSystems answers = new SizedSystems(List.of());
  private final Duration lagDrain;

  PacedSystems(Duration lagDrain) {
    this.lagDrain = lagDrain;
  }

  /** The four cutover activity interfaces. */
  Object activities() {
    return Proxy.newProxyInstance(
        PacedSystems.class.getClassLoader(),
        new Class<?>[] {
          ValidationActivities.class,
          GatewayActivities.class,
          ClusterLinkActivities.class,
          OffsetActivities.class
        },
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.invoke(this, args);
          }
          ActivityInfo info = Activity.getExecutionContext().getInfo();
          latencies
              .computeIfAbsent(method.getName(), k -> new CopyOnWriteArrayList<>())
              .add(info.getStartedTimestamp() - info.getCurrentAttemptScheduledTimestamp());
          String group = info.getWorkflowId();
          switch (method.getName()) {
            case "awaitLagBelow" -> {
              var request = (OffsetActivities.LagRequest) args[0];
              if (request.threshold() > 0) {
                waitForDrain(group);
              }
            }
            case "detectUnroutedProducers" -> {
              if (rogue.contains(group) && caught.add(group)) {
                return UnroutedProducerReport.of(
                    Instant.now(),
                    Instant.now(),
                    List.of("topic " + group + "-t0 partition 0: offset 10 -> 40 (+30)"));
              }
            }
            case "fenceRoutes", "unfenceRoutes", "switchRoutes" -> pause(300);
            case "promoteMirrors", "disableOffsetSync", "restoreOffsetSync" -> pause(100);
            default -> pause(20);
          }
          try {
            return method.invoke(answers, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The group's first lag wait starts its drain; every wait returns once it has drained. */
  private void waitForDrain(String group) {
    // The rogue groups drain at once and fence while the others still wait: their unfence meets
    // the slots held by every other group's lag wait.
    Duration drain = rogue.contains(group) ? Duration.ofSeconds(1) : lagDrain;
    Instant until = drainedAt.computeIfAbsent(group, g -> Instant.now().plus(drain));
    while (Instant.now().isBefore(until)) {
      Activity.getExecutionContext().heartbeat("draining");
      pause(1000);
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
