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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Updates and waits for the answer only so long. An execute that starts an attempt and an
 * approval get ids derived from what they are for, so a re-sent command (a lost connection, a
 * second Enter) is deduplicated by the server instead of counted twice; the others get fresh ids,
 * because sending them again must act again (docs/runbook.md, "Approving and rolling back").
 */
final class Updates {
  /** How long an Update may take to be answered; VALIDATE inside reinit gets its own wait. */
  static final Duration ANSWER = Duration.ofMinutes(1);

  private Updates() {}

  /**
   * {@code execute-<next attempt>-<overrides>}: a re-sent execute for the same attempt and the same
   * overrides is one execute. A retry of a held step gets a fresh id: each hold is retried anew,
   * and a retry that repeats one already under way changes nothing.
   */
  static String executeId(MigrationStatus before, Object overrides) {
    return before.held()
        ? fresh("execute-retry-" + before.attempt())
        : "execute-" + (before.attempt() + 1) + "-" + digest(String.valueOf(overrides));
  }

  /**
   * {@code approve-<who>-<attempt it counts for>}: one person's approval counts once per attempt.
   */
  static String approveId(MigrationStatus before, String who) {
    return "approve-" + who + "-" + (running(before) ? before.attempt() : before.attempt() + 1);
  }

  /**
   * Fresh: a second rollback of the same attempt is refused by the workflow anyway, and a retry of
   * an incomplete rollback must reach it every time.
   */
  static String rollbackId(MigrationStatus before) {
    return fresh("rollback-" + before.attempt());
  }

  /**
   * Fresh: the same manifest sent again must be validated again (the systems may have been fixed).
   */
  static String reinitId(MigrationPlan plan) {
    return fresh("reinit-" + plan.name());
  }

  private static String fresh(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static <T> T send(
      WorkflowClient client,
      String name,
      String verb,
      String updateName,
      String id,
      Class<T> type,
      Duration wait,
      Object arg) {
    return Migrations.update(
        client,
        name,
        verb,
        () ->
            sendTo(
                client,
                MigrationPlan.workflowIdFor(Migrations.nameOf(name)),
                updateName,
                id,
                type,
                wait,
                arg,
                verb,
                "cutover status " + Migrations.nameOf(name)));
  }

  /**
   * Sends Update {@code updateName} with {@code id} to {@code workflowId} and waits up to {@code
   * wait} for its answer. No answer in time detaches ({@link ExitCodes#DETACHED}), naming {@code
   * statusCommand}; a refusal or a missing workflow comes out as the SDK's exception.
   */
  static <T> T sendTo(
      WorkflowClient client,
      String workflowId,
      String updateName,
      String id,
      Class<T> type,
      Duration wait,
      Object arg,
      String verb,
      String statusCommand) {
    var stub = client.newUntypedWorkflowStub(workflowId);
    UpdateOptions<T> options =
        UpdateOptions.newBuilder(type)
            .setUpdateName(updateName)
            .setUpdateId(id)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    CompletableFuture<T> answer =
        CompletableFuture.supplyAsync(() -> stub.startUpdate(options, arg).getResult());
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new CliException(
          ExitCodes.DETACHED,
          verb
              + ": no answer within "
              + io.cutover.workflow.model.Durations.format(wait)
              + ". Is a Cutover worker polling the task queue? Check with `"
              + statusCommand
              + "`; sending the same command again is safe.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(
          ExitCodes.DETACHED, verb + ": interrupted while waiting for the answer");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static boolean running(MigrationStatus s) {
    return !s.resting() && s.step().isForward() && s.attempt() > 0;
  }

  private static String digest(String text) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
