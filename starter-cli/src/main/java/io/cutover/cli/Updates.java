package io.cutover.cli;

import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.MigrationStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Updates with ids derived from what they are for, so a retried command (a lost connection, a
 * second Enter) is deduplicated by the server instead of counted twice, and waits for the answer
 * only so long (docs/runbook.md, "Approving and rolling back").
 */
final class Updates {
  /** How long an Update may take to be answered; VALIDATE inside reinit gets its own wait. */
  static final Duration ANSWER = Duration.ofMinutes(1);

  private Updates() {}

  /** {@code execute-<next attempt>}, or {@code execute-retry-<attempt>-<step>-<failure>} on a hold. */
  static String executeId(MigrationStatus before) {
    return before.held()
        ? "execute-retry-" + before.attempt() + "-" + before.step() + "-" + digest(before.lastError())
        : "execute-" + (before.attempt() + 1);
  }

  /** {@code approve-<who>-<attempt it counts for>}. */
  static String approveId(MigrationStatus before, String who) {
    return "approve-" + who + "-" + (running(before) ? before.attempt() : before.attempt() + 1);
  }

  /** {@code rollback-<attempt>}, or a retry of an incomplete rollback keyed by its failure. */
  static String rollbackId(MigrationStatus before) {
    boolean retry = before.lastError() != null && before.lastError().startsWith("rollback incomplete");
    return "rollback-" + before.attempt() + (retry ? "-retry-" + digest(before.lastError()) : "");
  }

  /** The same manifest sent twice is one reinit. */
  static String reinitId(MigrationPlan plan) {
    return "reinit-" + digest(plan.toString());
  }

  static <T> T send(WorkflowClient client, String name, String verb, String updateName, String id, Class<T> type,
      Duration wait, Object arg) {
    return Migrations.update(client, name, verb, () -> {
      var stub = client.newUntypedWorkflowStub(MigrationPlan.workflowIdFor(Migrations.nameOf(name)));
      UpdateOptions<T> options = UpdateOptions.newBuilder(type).setUpdateName(updateName).setUpdateId(id)
          .setWaitForStage(WorkflowUpdateStage.COMPLETED).build();
      CompletableFuture<T> answer = CompletableFuture.supplyAsync(() -> stub.startUpdate(options, arg).getResult());
      try {
        return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        answer.cancel(true);
        throw new CliException(ExitCodes.DETACHED, verb + ": no answer within " + io.cutover.workflow.model.Durations
            .format(wait) + ". Is a Cutover worker polling the task queue? Sending the same command again is safe: it"
            + " is deduplicated (update id " + id + ").");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(ExitCodes.DETACHED, verb + ": interrupted while waiting for the answer");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    });
  }

  private static boolean running(MigrationStatus s) {
    return !s.resting() && s.step().isForward() && s.attempt() > 0;
  }

  private static String digest(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
