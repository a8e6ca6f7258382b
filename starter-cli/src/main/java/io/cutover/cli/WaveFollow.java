package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.wave.GroupState;
import io.cutover.workflow.wave.WaveStatus;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Follows a wave: reads its status (and its running groups' own steps) twice a second and prints a
 * line for every change, until {@code done} holds or the time is up.
 */
final class WaveFollow {
  private final Map<String, String> shown = new HashMap<>();
  private final PrintWriter out;
  private final WorkflowClient client;

  WaveFollow(PrintWriter out, WorkflowClient client) {
    this.out = out;
    this.client = client;
  }

  /** The status that satisfied {@code done}; null when {@code timeout} passed first. */
  WaveStatus until(String name, Duration timeout, Predicate<WaveStatus> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long wait = Follow.FIRST_POLL.toMillis();
    while (true) {
      WaveStatus s;
      try {
        s = Waves.status(client, name);
      } catch (CliException e) {
        if (e.exitCode() == ExitCodes.NOT_FOUND || System.nanoTime() > deadline) {
          throw e;
        }
        // No answer for a moment (the wave continuing as new, a worker restarting): ask again.
        if (!pause(Follow.POLL.toMillis())) {
          return null;
        }
        continue;
      }
      show(s);
      if (done.test(s)) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      if (!pause(wait)) {
        return null;
      }
      wait = Math.min(wait * 2, Follow.POLL.toMillis());
    }
  }

  private static boolean pause(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void show(WaveStatus s) {
    line("wave", s.step() + " (attempt " + s.attempt() + ")");
    for (WaveStatus.Row r : s.groups()) {
      GroupState g = r.group();
      String state = g.phase().name();
      if (g.phase().occupiesSlot()) {
        MigrationStatus live = Waves.live(client, g.name());
        if (live != null) {
          state += " at " + live.step() + (live.held() ? " (held: " + live.lastError() + ")" : "");
        }
      } else if (g.detail() != null) {
        state += " (" + g.detail() + ")";
      }
      line(g.name(), state);
    }
  }

  private void line(String who, String state) {
    if (!state.equals(shown.put(who, state))) {
      out.printf("  %-20s %s%n", who, state);
      out.flush();
    }
  }
}
