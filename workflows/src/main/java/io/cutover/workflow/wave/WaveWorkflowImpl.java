package io.cutover.workflow.wave;

import io.cutover.workflow.Handlers;
import io.cutover.workflow.UpdateRules;
import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.UpdateAck;
import io.temporal.common.InitialVersioningBehavior;
import io.temporal.common.VersioningBehavior;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowVersioningBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A wave of groups. {@link #run} starts every group and waits for its VALIDATE; each execute is one
 * attempt ({@link #runAttempt}) that starts the groups as {@link WaveSchedule} allows and follows
 * each one ({@link WaveGroups#drive}) until it settles. {@link WaveBook} owns the state; {@link
 * WaveGroups} acts on the groups.
 */
public class WaveWorkflowImpl implements WaveWorkflow {
  private WaveBook book;
  private WaveGroups groups;
  private Actor pendingExecute;

  /** Pinned under Worker Versioning, like a group: a run moves to a newer build at rest. */
  @Override
  @WorkflowVersioningBehavior(VersioningBehavior.PINNED)
  public WaveStatus run(WavePlan plan, WaveContinuation carried) {
    List<String> problems = plan.problems();
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the wave plan is not usable: " + String.join("; ", problems), "InvalidWavePlan");
    }
    book = new WaveBook(plan);
    groups = new WaveGroups(book);
    if (carried == null) {
      groups.startAll();
      book.step(WaveStep.AWAIT_EXECUTE);
    } else {
      book.resume(carried);
      pendingExecute = carried.queuedExecute();
    }
    int attemptsAtStart = book.attempt();
    while (true) {
      Workflow.await(() -> pendingExecute != null || continueAsNewDue(attemptsAtStart));
      if (pendingExecute == null) {
        continueAsNew();
      }
      Actor requester = pendingExecute;
      pendingExecute = null;
      if (runAttempt(requester)) {
        book.step(WaveStep.DONE);
        Workflow.await(Workflow::isEveryHandlerFinished);
        return book.status();
      }
      book.step(WaveStep.AWAIT_EXECUTE);
    }
  }

  /**
   * History stays bounded: after each attempt, or when the server suggests it, the run continues as
   * new at rest, carrying the groups as last observed (docs/architecture.md, "Waves").
   */
  private boolean continueAsNewDue(int attemptsAtStart) {
    return book.step() == WaveStep.AWAIT_EXECUTE
        && (book.attempt() > attemptsAtStart || Workflow.getInfo().isContinueAsNewSuggested());
  }

  private void continueAsNew() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    // A later workflow task than the one an Update completed in: the Java test server behind
    // `cutover dev` loses an Update's outcome that shares its task with a continue-as-new (the
    // group workflow settles the same way, docs/architecture.md, "Continue-as-new").
    Workflow.sleep(Duration.ofSeconds(1));
    Workflow.await(Workflow::isEveryHandlerFinished);
    // The next run moves to the deployment's current build, as a group's does at rest.
    Workflow.newContinueAsNewStub(
            WaveWorkflow.class,
            ContinueAsNewOptions.newBuilder()
                .setInitialVersioningBehavior(InitialVersioningBehavior.AUTO_UPGRADE)
                .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
                .build())
        .run(book.plan, book.continuation(pendingExecute));
  }

  /** One execute of the wave: true when every group is DONE. */
  private boolean runAttempt(Actor requester) {
    book.beginAttempt();
    int n = book.attempt();
    book.note("attempt " + n + " requested by " + requester.who());
    book.step(WaveStep.RUN);
    groups.observe(
        book.groups().stream().filter(g -> g.phase() != GroupPhase.DONE).toList(), false);
    List<String> invalid =
        book.groups().stream()
            .filter(g -> g.phase() == GroupPhase.INVALID)
            .map(g -> g.name() + " (" + g.detail() + ")")
            .toList();
    if (!invalid.isEmpty()) {
      book.error(
          "no group was started: "
              + String.join("; ", invalid)
              + ". Fix the manifest and run `cutover init -f <manifest>` for each (the wave finds"
              + " the new run by its id), then execute the wave again");
      return false;
    }
    groups.followUnsettled(n);
    if (book.plan.approval() == WavePlan.ApprovalMode.WAVE && !book.approvedFor(n)) {
      book.step(WaveStep.AWAIT_APPROVAL);
      Workflow.await(() -> book.approvedFor(n) || book.rollbackRequested());
      book.step(WaveStep.RUN);
    }
    Instant noted = null;
    while (true) {
      WaveSchedule s = book.schedule();
      for (String name : s.startNow()) {
        book.put(book.group(name).started(n));
        Async.procedure(groups::drive, name, n, requester);
      }
      if (book.schedule().running() == 0 && !book.schedule().anyToStart()) {
        break;
      }
      int seen = book.changes();
      Instant opens = s.windowOpensAt();
      if (opens == null) {
        Workflow.await(() -> book.changes() != seen);
      } else {
        Duration until =
            Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), opens);
        if (!opens.equals(noted)) {
          book.note("the change window is closed; the next group starts at " + opens);
          noted = opens;
        }
        Workflow.await(until, () -> book.changes() != seen);
      }
    }
    if (book.allDone()) {
      book.note("every group is DONE");
      return true;
    }
    book.error(attemptSummary());
    return false;
  }

  private String attemptSummary() {
    List<String> parts = new ArrayList<>();
    for (GroupPhase p : GroupPhase.values()) {
      List<String> names =
          book.groups().stream().filter(g -> g.phase() == p).map(GroupState::name).toList();
      if (!names.isEmpty()) {
        parts.add(p + ": " + String.join(", ", names));
      }
    }
    String why =
        book.rollbackRequested()
            ? "the wave was rolled back"
            : book.stopped
                ? "a group did not cut over (rolled back, held or not started), and onFailure is stop"
                : "groups did not cut over";
    return "attempt " + book.attempt() + " ended, " + why + " (" + String.join("; ", parts) + ")";
  }

  // ---- Updates and the query ----

  @Override
  public void validateExecute(Actor a) {
    UpdateRules.requireWho(a == null ? null : a.who(), "execute");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", a.reason());
    switch (book.step()) {
      case VALIDATE -> reject("the groups are still validating; wait for AWAIT_EXECUTE");
      case AWAIT_APPROVAL, RUN ->
          reject("attempt " + book.attempt() + " is running (" + book.step() + ")");
      case DONE -> reject("every group is already DONE");
      case AWAIT_EXECUTE -> {
        if (pendingExecute != null) {
          reject("an execute is already queued");
        }
      }
    }
  }

  @Override
  public UpdateAck execute(Actor a) {
    return Handlers.guarded(
        "execute",
        () -> {
          pendingExecute = a.at(now());
          return new UpdateAck(
              "execute accepted: attempt "
                  + (book.attempt() + 1)
                  + " starts the groups not yet DONE, in order",
              null);
        });
  }

  @Override
  public void validateApprove(Actor a) {
    UpdateRules.requireWho(a == null ? null : a.who(), "approve");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", a.reason());
    if (book.plan.approval() != WavePlan.ApprovalMode.WAVE) {
      reject(
          "this wave's approval is per group: approve each group with `cutover approve <group>`"
              + " when it reaches AWAIT_APPROVAL");
    }
    if (book.step() == WaveStep.DONE) {
      reject("every group is already DONE");
    }
  }

  @Override
  public UpdateAck approve(Actor a) {
    return Handlers.guarded(
        "approve",
        () -> {
          int forAttempt = book.approve(a.at(now()));
          book.note("approved by " + a.who() + " for attempt " + forAttempt);
          book.changed();
          return new UpdateAck("approval recorded for wave attempt " + forAttempt, null);
        });
  }

  @Override
  public void validateRollback(Actor a) {
    UpdateRules.requireWho(a == null ? null : a.who(), "rollback");
    io.cutover.workflow.model.PlanSecrecy.requireNone("reason", a.reason());
    if (book.step() != WaveStep.RUN && book.step() != WaveStep.AWAIT_APPROVAL) {
      reject(
          "nothing to roll back: the wave is at "
              + book.step()
              + " (`cutover wave status` shows each group; a DONE group stays on the destination)");
    }
    if (book.rollbackRequested()) {
      reject("a rollback of this attempt is already under way");
    }
  }

  @Override
  public WaveRollbackReport rollback(Actor a) {
    return Handlers.guarded("rollback", () -> groups.rollBackAll(a));
  }

  @Override
  public WaveStatus status() {
    return book.status();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static void reject(String why) {
    throw new IllegalStateException(why);
  }
}
