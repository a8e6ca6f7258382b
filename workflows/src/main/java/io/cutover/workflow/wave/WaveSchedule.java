package io.cutover.workflow.wave;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which groups a wave may start now, and why the others wait: pure, so the rules are tested without
 * Temporal. A group starts when it is ready and was not started in this attempt, every group its
 * {@code after} names is DONE, the wave is not stopped, the change window is open and a slot is
 * free. A group whose dependency cannot be DONE in this attempt is blocked.
 */
final class WaveSchedule {
  private final WavePlan plan;
  private final Map<String, GroupState> groups;
  private final boolean stopped;
  private final Instant now;
  private final int attempt;

  WaveSchedule(
      WavePlan plan, Map<String, GroupState> groups, boolean stopped, Instant now, int attempt) {
    this.plan = plan;
    this.groups = groups;
    this.stopped = stopped;
    this.now = now;
    this.attempt = attempt;
  }

  /** The groups to start now, in start order. */
  List<String> startNow() {
    List<String> start = new ArrayList<>();
    if (stopped || !windowOpen()) {
      return start;
    }
    long free = plan.concurrency() - running();
    for (WavePlan.WaveGroup g : plan.groups()) {
      if (start.size() >= free) {
        break;
      }
      if (pending(g.name()) && g.after().stream().allMatch(this::done)) {
        start.add(g.name());
      }
    }
    return start;
  }

  /** Some group may still start in this attempt (now or later). */
  boolean anyToStart() {
    return !stopped
        && plan.groups().stream().anyMatch(g -> pending(g.name()) && !blocked(g.name()));
  }

  /** When the window next opens, if it is closed and a group waits for it; null otherwise. */
  Instant windowOpensAt() {
    if (plan.window() == null || windowOpen() || !anyToStart()) {
      return null;
    }
    return plan.window().nextOpening(now);
  }

  /** Why a group that has not started waits; null for a group that runs or has settled. */
  String waitingFor(String name) {
    if (!pending(name)) {
      return null;
    }
    if (stopped) {
      return "nothing: the wave stopped, so it does not start in this attempt";
    }
    String blocker = blockerOf(name);
    if (blocker != null) {
      return "nothing: " + blocker + " cannot be DONE in this attempt, so it does not start";
    }
    List<String> before = group(name).after().stream().filter(a -> !done(a)).toList();
    if (!before.isEmpty()) {
      return String.join(", ", before) + " to be DONE";
    }
    if (!windowOpen()) {
      return "the change window ("
          + plan.window().describe()
          + "), next open at "
          + plan.window().nextOpening(now);
    }
    if (running() >= plan.concurrency()) {
      return "a free slot (concurrency " + plan.concurrency() + ")";
    }
    return "its turn";
  }

  long running() {
    return groups.values().stream().filter(g -> g.phase().occupiesSlot()).count();
  }

  private boolean windowOpen() {
    return plan.window() == null || plan.window().isOpen(now);
  }

  /** Ready, and not already tried in this attempt. */
  private boolean pending(String name) {
    GroupState g = groups.get(name);
    return attempt > 0 && g.phase().startable() && g.startedInAttempt() < attempt;
  }

  private boolean done(String name) {
    return groups.get(name).phase() == GroupPhase.DONE;
  }

  private boolean blocked(String name) {
    return blockerOf(name) != null;
  }

  /** The first dependency (direct or not) that cannot reach DONE in this attempt. */
  private String blockerOf(String name) {
    for (String a : group(name).after()) {
      GroupState d = groups.get(a);
      boolean dead =
          d.phase() == GroupPhase.INVALID
              || (d.phase().startable() && d.startedInAttempt() >= attempt)
              || (d.phase().startable() && attempt > 0 && blocked(a));
      if (dead) {
        return a;
      }
    }
    return null;
  }

  private WavePlan.WaveGroup group(String name) {
    return plan.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }
}
