package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Polls a migration's status: the CLI's way of following a run without holding anything open. */
final class Follow {
  static final Duration POLL = Duration.ofMillis(500);

  private Follow() {}

  /** The first status matching {@code done}, or null when {@code timeout} passes first. */
  static MigrationStatus until(WorkflowClient client, String name, Duration timeout, Predicate<MigrationStatus> done) {
    return until(client, name, timeout, done, s -> {});
  }

  static MigrationStatus until(WorkflowClient client, String name, Duration timeout, Predicate<MigrationStatus> done,
      Consumer<MigrationStatus> onEach) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      MigrationStatus s = Migrations.status(client, name);
      onEach.accept(s);
      if (done.test(s)) {
        return s;
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
