package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Polls a migration's compact progress (the current attempt only, so a poll stays small whatever
 * the group and its history) and reads the full status once at the end: the CLI's way of following
 * a run without holding anything open.
 *
 * <p>A step usually follows the last one within moments, so the poll after a new step comes soon
 * ({@link #FIRST_POLL}) and the waits double up to {@link #POLL} while the step stays: a follow
 * shows each step as it starts, and a long step costs the server two queries a second at most.
 */
final class Follow {
  static final Duration FIRST_POLL = Duration.ofMillis(50);
  static final Duration POLL = Duration.ofMillis(500);

  private Follow() {}

  /** Where a run is: a change of it is what the next poll should come soon after. */
  record Position(int attempt, CutoverStep step, boolean held) {
    static Position of(MigrationStatus s) {
      return new Position(s.attempt(), s.step(), s.held());
    }
  }

  /** The wait after a poll that read {@code now}, when the one before read {@code last}. */
  static long nextWait(Position now, Position last, long lastWait) {
    return now.equals(last) ? Math.min(lastWait * 2, POLL.toMillis()) : FIRST_POLL.toMillis();
  }

  /**
   * The full status once a progress reading matches {@code done}, or null when {@code timeout}
   * passes first.
   */
  static MigrationStatus until(
      WorkflowClient client, String name, Duration timeout, Predicate<MigrationStatus> done) {
    return until(client, name, timeout, done, s -> {});
  }

  static MigrationStatus until(
      WorkflowClient client,
      String name,
      Duration timeout,
      Predicate<MigrationStatus> done,
      Consumer<MigrationStatus> onEach) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long wait = FIRST_POLL.toMillis();
    Position last = null;
    while (true) {
      MigrationStatus s = Migrations.progress(client, name);
      onEach.accept(s);
      if (done.test(s)) {
        return Migrations.status(client, name);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      Position now = Position.of(s);
      wait = nextWait(now, last, wait);
      last = now;
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
