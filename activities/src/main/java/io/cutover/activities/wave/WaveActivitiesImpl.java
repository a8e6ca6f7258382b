package io.cutover.activities.wave;

import io.cutover.activities.support.Heartbeat;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.WaveActivities;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.ExecuteRequest;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.UpdateAck;
import io.cutover.workflow.wave.GroupCommand;
import io.cutover.workflow.wave.GroupOutcome;
import io.cutover.workflow.wave.GroupRollback;
import io.cutover.workflow.wave.GroupWait;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * The wave's hands on its groups: each group's own Updates and {@code progress} query, through the
 * worker's Temporal client. A group's validators decide; a refusal becomes a failure (execute) or
 * an answer (rollback) that names the group's reason.
 */
public final class WaveActivitiesImpl implements WaveActivities {
  /** Between two readings of a group while the wave waits for it. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

  /** How long a rollback waits for an execute the group queued but has not begun. */
  static final Duration QUEUED_EXECUTE_WAIT = Duration.ofSeconds(30);

  private final WorkflowClient client;
  private final Duration pollInterval;
  private final Heartbeat heartbeat;

  public WaveActivitiesImpl(WorkflowClient client, Duration pollInterval, Heartbeat heartbeat) {
    this.client = client;
    this.pollInterval = pollInterval;
    this.heartbeat = heartbeat;
  }

  @Override
  public UpdateAck executeGroup(GroupCommand c) {
    MigrationStatus before = progress(c.workflowId());
    if (before.attempt() > c.attemptBefore()) {
      return new UpdateAck(
          "attempt " + before.attempt() + " already started (at " + before.step() + ")",
          before.step());
    }
    return update(c, "execute", new ExecuteRequest(c.who(), null, c.reason()));
  }

  @Override
  public UpdateAck approveGroup(GroupCommand c) {
    return update(c, "approve", Actor.of(c.who(), c.reason()));
  }

  @Override
  public GroupRollback rollbackGroup(GroupCommand c) {
    long deadline = System.nanoTime() + QUEUED_EXECUTE_WAIT.toNanos();
    while (true) {
      try {
        UpdateAck ack = send(c, "rollback", Actor.of(c.who(), c.reason()));
        return new GroupRollback(name(c), true, ack.step(), ack.message());
      } catch (Refused refused) {
        MigrationStatus now = progress(c.workflowId());
        // The wave sends a rollback only after the group answered its execute: with no new
        // attempt yet, that execute is queued and about to begin.
        boolean executeNotBegun = now.attempt() <= c.attemptBefore();
        if (executeNotBegun && System.nanoTime() < deadline) {
          heartbeat.beat(now.step());
          pause();
          continue;
        }
        if (now.step() == CutoverStep.ROLLED_BACK && now.attempt() > c.attemptBefore()) {
          return new GroupRollback(name(c), true, now.step(), "already rolled back");
        }
        return new GroupRollback(name(c), false, now.step(), refused.getMessage());
      }
    }
  }

  @Override
  public GroupOutcome awaitGroupSettled(GroupWait w) {
    while (true) {
      GroupOutcome o = readGroup(w.workflowId());
      if (o.closed() || settled(o, w)) {
        return o;
      }
      heartbeat.beat(o.step() + " attempt " + o.attempt());
      pause();
    }
  }

  @Override
  public GroupOutcome readGroup(String workflowId) {
    WorkflowExecutionStatus status = status(workflowId);
    boolean closed = status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    MigrationStatus s;
    try {
      s = progress(workflowId);
    } catch (ApplicationFailure | io.temporal.client.WorkflowException e) {
      if (!closed) {
        throw e;
      }
      // An ended workflow that no longer answers (terminated mid-step, say): its status says it.
      String how = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
      return new GroupOutcome(null, 0, false, false, true, "its workflow is " + how, true);
    }
    return new GroupOutcome(
        s.step(),
        s.attempt(),
        s.held(),
        s.pointOfNoReturnPassed(),
        closed,
        s.lastError(),
        closed || s.resting());
  }

  /**
   * Settled: held (when a hold counts), or resting with enough attempts and past VALIDATE. DONE
   * settles while the source is still watched for stranded writes: its clients have moved.
   */
  static boolean settled(GroupOutcome o, GroupWait w) {
    if (o.held()) {
      return w.acceptHeld();
    }
    return o.resting() && o.step() != CutoverStep.VALIDATE && o.attempt() >= w.minAttempt();
  }

  /** Sends an Update; the group's refusal fails the activity without retries. */
  private UpdateAck update(GroupCommand c, String name, Object arg) {
    try {
      return send(c, name, arg);
    } catch (Refused r) {
      throw ApplicationFailure.newNonRetryableFailure(
          name(c) + " refused " + name + ": " + r.getMessage(), FailureTypes.INVALID_REQUEST);
    }
  }

  private UpdateAck send(GroupCommand c, String name, Object arg) {
    UpdateOptions<UpdateAck> options =
        UpdateOptions.newBuilder(UpdateAck.class)
            .setUpdateName(name)
            .setUpdateId(c.updateId() + "-" + name(c))
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    try {
      return client.newUntypedWorkflowStub(c.workflowId()).startUpdate(options, arg).getResult();
    } catch (WorkflowUpdateException e) {
      throw new Refused(rootMessage(e));
    } catch (WorkflowNotFoundException e) {
      throw notFound(c.workflowId());
    }
  }

  private MigrationStatus progress(String workflowId) {
    try {
      return client.newWorkflowStub(MigrationWorkflow.class, workflowId).progress();
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
  }

  private WorkflowExecutionStatus status(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      throw notFound(workflowId);
    }
  }

  private static ApplicationFailure notFound(String workflowId) {
    return ApplicationFailure.newNonRetryableFailure(
        "no workflow " + workflowId + ": start the group with `cutover init -f <manifest>`",
        FailureTypes.NOT_FOUND);
  }

  private static String name(GroupCommand c) {
    return c.workflowId();
  }

  private void pause() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", FailureTypes.TRANSIENT);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof ApplicationFailure af ? af.getOriginalMessage() : c.getMessage();
  }

  /** A group's validator refused an Update: its reason is the message. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String why) {
      super(why, null, false, false);
    }
  }
}
