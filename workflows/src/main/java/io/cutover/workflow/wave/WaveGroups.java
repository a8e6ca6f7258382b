package io.cutover.workflow.wave;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.Failures;
import io.cutover.workflow.MigrationWorkflow;
import io.cutover.workflow.MigrationWorkflowOptions;
import io.cutover.workflow.activity.CutoverActivityOptions;
import io.cutover.workflow.activity.WaveActivities;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.UpdateAck;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What a wave does to its groups, through {@link WaveActivities}: start them, read them, drive one
 * through an attempt, roll them back. Every observation goes to the {@link WaveBook}.
 * Workflow-thread only.
 */
final class WaveGroups {
  private final WaveActivities control =
      Workflow.newActivityStub(
          WaveActivities.class,
          CutoverActivityOptions.groupUpdate().toBuilder()
              .setTaskQueue(MigrationWorkflow.controlQueue(Workflow.getInfo().getTaskQueue()))
              .build());
  private final WaveActivities waits =
      Workflow.newActivityStub(
          WaveActivities.class,
          CutoverActivityOptions.groupWait().toBuilder()
              .setTaskQueue(WaveWorkflow.waitQueue(Workflow.getInfo().getTaskQueue()))
              .build());
  private final WaveBook book;

  WaveGroups(WaveBook book) {
    this.book = book;
  }

  /** Starts each group's workflow as a child (or adopts one `cutover init` started), then waits. */
  void startAll() {
    List<Promise<?>> starts = new ArrayList<>();
    for (WavePlan.WaveGroup g : book.plan.groups()) {
      MigrationWorkflow child =
          Workflow.newChildWorkflowStub(
              MigrationWorkflow.class,
              MigrationWorkflowOptions.forWaveGroup(g.plan(), WaveBook.WAVE_KEY, book.plan.name()));
      Async.function(child::run, g.plan(), null);
      starts.add(Workflow.getWorkflowExecution(child));
    }
    List<WavePlan.WaveGroup> groups = book.plan.groups();
    for (int i = 0; i < groups.size(); i++) {
      try {
        starts.get(i).get();
      } catch (ChildWorkflowFailure f) {
        if (!(f.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw f;
        }
        String name = groups.get(i).name();
        book.put(book.group(name).adopted());
        book.note(
            name + ": its workflow already exists (`cutover init`); the wave drives it by id");
      }
    }
    // The groups it started: their VALIDATE. The adopted ones: where they are now.
    observe(book.groups().stream().filter(GroupState::child).toList(), true);
    observe(book.groups().stream().filter(g -> !g.child()).toList(), false);
  }

  /**
   * Reads every given group's state, all at once: as each one settles ({@code settle}), or as it is
   * now. A group in the middle of an attempt is RUNNING; the attempt follows it.
   */
  void observe(List<GroupState> which, boolean settle) {
    List<Promise<Void>> reads = new ArrayList<>();
    for (GroupState g : which) {
      GroupWait validated = new GroupWait(g.workflowId(), 0, true);
      Promise<GroupOutcome> read =
          settle
              ? Async.function(waits::awaitGroupSettled, validated)
              : Async.function(waits::readGroup, g.workflowId())
                  .thenCompose(
                      o ->
                          o.step() == CutoverStep.VALIDATE
                              ? Async.function(waits::awaitGroupSettled, validated) // re-init
                              : Workflow.newPromise(o));
      reads.add(
          read.handle(
              (o, e) -> {
                GroupState now = book.group(g.name());
                book.put(
                    e != null
                        ? now.with(GroupPhase.INVALID, Failures.describe(e))
                        : o.resting()
                            ? now.observed(o, atRest(o), detail(g.name(), o))
                            : now.observed(
                                o,
                                GroupPhase.RUNNING,
                                "in an attempt the wave did not start; followed"));
                return null;
              }));
    }
    Promise.allOf(reads).get();
  }

  /** What to show for a group that settled: its last error, or how its workflow ended. */
  private static String detail(String name, GroupOutcome o) {
    if (o.closed() && o.step() != CutoverStep.DONE && o.step() != CutoverStep.FAILED) {
      return (o.step() == null ? o.lastError() : "its workflow ended at " + o.step())
          + " without finishing: `cutover recover "
          + name
          + "` puts it in a safe state";
    }
    return o.lastError();
  }

  private static GroupPhase atRest(GroupOutcome o) {
    if (o.closed() && o.step() != CutoverStep.DONE) {
      return GroupPhase.INVALID; // ended without finishing (failed VALIDATE, or terminated)
    }
    if (o.held()) {
      return GroupPhase.HELD;
    }
    return switch (o.step()) {
      case DONE -> GroupPhase.DONE;
      case FAILED -> GroupPhase.INVALID;
      case ROLLED_BACK -> GroupPhase.ROLLED_BACK;
      default -> o.closed() ? GroupPhase.INVALID : GroupPhase.READY;
    };
  }

  /** Starts one group and follows it until it settles: DONE, rolled back, or refused. */
  void drive(String name, int n, Actor requester) {
    GroupState g = book.group(name);
    String reason = "wave " + book.plan.name() + ", attempt " + n;
    if (book.rollbackRequested()) {
      settle(g.with(GroupPhase.READY, "not started: the wave was rolled back"), false);
      return;
    }
    book.starting.add(name);
    try {
      UpdateAck ack =
          control.executeGroup(
              new GroupCommand(
                  g.workflowId(), g.attempt(), updateId(n, "execute"), requester.who(), reason));
      book.note(name + ": " + ack.message());
    } catch (ActivityFailure f) {
      if (!startedAnyway(g)) {
        book.starting.remove(name);
        settle(g.with(GroupPhase.INVALID, "not started: " + Failures.describe(f)), true);
        return;
      }
    }
    book.starting.remove(name);
    if (book.rollbackRequested()) {
      // The wave's rollback came while this execute was in flight; it answered for this group.
      rollBackLate(g);
    } else {
      approve(g, n);
    }
    follow(name, g.attempt() + 1, true);
  }

  /**
   * With {@code approval: wave}, the wave's approval, in the approver's name. Sent after the
   * execute, so it is the started (or queued) attempt's: a group whose policies need no approval is
   * past AWAIT_APPROVAL at once and refuses it, which changes nothing.
   */
  private void approve(GroupState g, int n) {
    Actor approver = book.approverOf(n);
    if (book.plan.approval() != WavePlan.ApprovalMode.WAVE || approver == null) {
      return;
    }
    String why =
        "approved for wave "
            + book.plan.name()
            + (approver.reason() == null ? "" : ": " + approver.reason());
    try {
      control.approveGroup(
          new GroupCommand(
              g.workflowId(), g.attempt(), updateId(n, "approve"), approver.who(), why));
    } catch (ActivityFailure f) {
      book.note(g.name() + ": the wave's approval was not taken: " + Failures.describe(f));
    }
  }

  private void rollBackLate(GroupState g) {
    try {
      GroupRollback r = control.rollbackGroup(rollbackCommand(g, book.rollbackBy));
      book.note(
          g.name() + (r.rolledBack() ? ": rolling back: " : ": cannot roll back: ") + r.message());
    } catch (ActivityFailure f) {
      book.note(g.name() + ": the rollback got no answer: " + Failures.describe(f));
    }
  }

  /**
   * After a failed execute: whether the group began the attempt all the same (its answer was lost).
   * The read returns once the group rests, so a group that did begin is known by its attempts.
   */
  private boolean startedAnyway(GroupState g) {
    try {
      return waits.awaitGroupSettled(new GroupWait(g.workflowId(), 0, true)).attempt()
          > g.attempt();
    } catch (ActivityFailure unreadable) {
      return false;
    }
  }

  /**
   * Follows a group until it settles: DONE, rolled back or refused. A hold is recorded (and stops
   * the wave with {@code onFailure: stop}); the group keeps its slot and is followed until DONE.
   *
   * @param minAttempt the group's attempt this follows
   * @param acceptHeld false for a group already recorded as held
   */
  void follow(String name, int minAttempt, boolean acceptHeld) {
    boolean reportHold = acceptHeld;
    while (true) {
      GroupOutcome o;
      try {
        o =
            waits.awaitGroupSettled(
                new GroupWait(book.group(name).workflowId(), minAttempt, reportHold));
      } catch (ActivityFailure f) {
        settle(book.group(name).with(GroupPhase.INVALID, "lost: " + Failures.describe(f)), true);
        return;
      }
      GroupPhase p = atRest(o);
      if (p == GroupPhase.HELD) {
        reportHold = false; // it occupies its slot until the operator's retry lets it finish
        settle(book.group(name).observed(o, p, o.lastError()), true);
        continue;
      }
      settle(book.group(name).observed(o, p, detail(name, o)), p != GroupPhase.DONE);
      return;
    }
  }

  /**
   * Groups found held or mid-attempt when an attempt begins (adopted, or driven by hand): the
   * attempt follows each until it settles, and a held one (past its point of no return, waiting for
   * a retry) stops the wave's new starts with {@code onFailure: stop}.
   */
  void followUnsettled(int n) {
    for (GroupState g : book.groups()) {
      if (g.phase() == GroupPhase.HELD) {
        book.note(g.name() + ": held at " + g.step() + "; followed until its retry completes it");
        if (book.plan.onFailure() == WavePlan.FailurePolicy.STOP) {
          book.stopped = true;
        }
      } else if (g.phase() != GroupPhase.RUNNING) {
        continue;
      }
      book.put(g.startedIn(n));
      Async.procedure(this::follow, g.name(), g.attempt(), g.phase() != GroupPhase.HELD);
    }
  }

  private String updateId(int attempt, String verb) {
    return Workflow.getInfo().getWorkflowId() + "-" + attempt + "-" + verb;
  }

  private void settle(GroupState g, boolean failed) {
    book.put(g);
    book.note(g.name() + ": " + g.phase() + (g.detail() == null ? "" : " (" + g.detail() + ")"));
    if (failed && book.plan.onFailure() == WavePlan.FailurePolicy.STOP && !book.stopped) {
      book.stopped = true;
      book.note("onFailure is stop: no further group starts in this attempt");
    }
    book.changed();
  }

  private GroupCommand rollbackCommand(GroupState g, Actor a) {
    return new GroupCommand(
        g.workflowId(),
        g.attempt(),
        updateId(book.attempt(), "rollback"),
        a.who(),
        "wave " + book.plan.name() + " rolled back");
  }

  WaveRollbackReport rollBackAll(Actor a) {
    book.rollbackBy = a;
    book.changed();
    book.note("rollback requested by " + a.who() + (a.reason() == null ? "" : ": " + a.reason()));
    List<GroupState> running =
        book.groups().stream().filter(g -> g.phase().occupiesSlot()).toList();
    List<Promise<GroupRollback>> answers = new ArrayList<>();
    for (GroupState g : running) {
      if (book.starting.contains(g.name())) {
        answers.add(
            Async.function(
                () ->
                    new GroupRollback(
                        g.name(),
                        true,
                        g.step(),
                        "its execute was in flight: the wave rolls it back as soon as the group"
                            + " answers (`cutover status "
                            + g.name()
                            + "`)")));
        continue;
      }
      answers.add(
          Async.function(control::rollbackGroup, rollbackCommand(g, a))
              .handle(
                  (r, e) ->
                      e == null
                          ? new GroupRollback(g.name(), r.rolledBack(), r.step(), r.message())
                          : new GroupRollback(
                              g.name(), false, g.step(), "no answer: " + Failures.describe(e))));
    }
    List<GroupRollback> answered = new ArrayList<>();
    for (Promise<GroupRollback> p : answers) {
      answered.add(p.get());
    }
    int n = book.attempt();
    List<String> done =
        book.groups().stream()
            .filter(g -> g.phase() == GroupPhase.DONE)
            .map(GroupState::name)
            .toList();
    List<String> notStarted =
        book.groups().stream()
            .filter(g -> g.phase().startable() && g.startedInAttempt() < n)
            .map(GroupState::name)
            .toList();
    WaveRollbackReport report = new WaveRollbackReport(answered, done, notStarted);
    book.note("rollback: " + report.summary().replace('\n', ';'));
    return report;
  }
}
