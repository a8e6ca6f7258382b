package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Polls a migration's compact progress (the current attempt only, so a poll stays small whatever
 * the group and its history) and reads the full status once at the end: the CLI's way of following
 * a run without holding anything open.
 */
final class Follow {
  static final Duration POLL = Duration.ofMillis(500);

  private Follow() {}

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
    while (true) {
      MigrationStatus s = Migrations.progress(client, name);
      onEach.accept(s);
      if (done.test(s)) {
        return Migrations.status(client, name);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
