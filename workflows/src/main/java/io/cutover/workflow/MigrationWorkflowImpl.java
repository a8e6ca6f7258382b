package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.*;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.model.*;
import io.temporal.common.InitialVersioningBehavior;
import io.temporal.common.SearchAttributes;
import io.temporal.common.VersioningBehavior;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowVersioningBehavior;
import java.time.Duration;
import java.util.List;

/**
 * The cutover of one migration group. {@link #runAttempt} reads like the step table of
 * docs/architecture.md; the rules it keeps: compensation before PROMOTE, forward-only after it, a
 * fence budget, and a fence re-check before every step that relies on it. {@link ControlState} is
 * the one owner of where the run is; this class drives its transitions.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {
  static final Duration CONTINUE_AS_NEW_SETTLE = Duration.ofSeconds(1);

  private final ControlState state = new ControlState();
  private final StatusBook book = new StatusBook(state);
  private final Guard guard = new Guard(state);
  private final CutoverSteps steps = new CutoverSteps(state, book, guard);
  private final FenceBudget fenceBudget = new FenceBudget(state, guard);
  private ExecuteRequest pendingExecute;
  private boolean rollbackRetryRequested;

  /**
   * Pinned under Worker Versioning: a run never changes code mid-attempt; the continue-as-new at a
   * resting point is where a run moves to a newer build.
   */
  @Override
  @WorkflowVersioningBehavior(VersioningBehavior.PINNED)
  public RunReport run(MigrationPlan input, Continuation carried) {
    steps.plan = input;
    steps.usePolicies(input.policies());
    book.begin(input.name(), steps.policies);
    CancellationScope.current().getCancellationRequest().thenApply(reason -> onCancelRequested());
    if (carried == null) {
      validateAtInit(input);
    } else {
      resume(carried);
    }
    int attemptsAtStart = state.attemptNumber();
    while (true) {
      Workflow.await(() -> pendingExecute != null || continueAsNewDue(attemptsAtStart));
      if (continueAsNewDue(attemptsAtStart)) {
        continueAsNew(); // carries a queued execute; returns only if the run stopped resting
        // meanwhile
        continue;
      }
      ExecuteRequest request = pendingExecute;
      pendingExecute = null;
      if (runAttempt(request)) {
        steps.strandedWatch.run(steps.policies);
        Workflow.await(Workflow::isEveryHandlerFinished);
        return book.report();
      }
    }
  }

  private void validateAtInit(MigrationPlan input) {
    ValidationReport first = steps.validate(input);
    if (!first.passed()) {
      state.rest(FAILED);
      book.rest(FAILED, first.problemsText());
      Workflow.await(Workflow::isEveryHandlerFinished);
      throw ApplicationFailure.newNonRetryableFailure(first.problemsText(), "ValidationFailed");
    }
    steps.validation = first;
    state.rest(AWAIT_EXECUTE);
    book.rest(AWAIT_EXECUTE, first.summary());
  }

  /**
   * History stays bounded whatever the group size and however many attempts: at a resting point,
   * after a finished attempt or when the server suggests it, the run continues as new with a
   * compact record (docs/architecture.md, "Continue-as-new").
   */
  private boolean continueAsNewDue(int attemptsAtStart) {
    return state.betweenAttempts()
        && (state.attemptNumber() > attemptsAtStart
            || Workflow.getInfo().isContinueAsNewSuggested());
  }

  private void continueAsNew() {
    // A reinit or approval may still be running; what they change must be in the carried record.
    Workflow.await(Workflow::isEveryHandlerFinished);
    // A later workflow task than the one that ended the attempt: an Update completed in that task
    // (a rollback, say) must not share it with the continue-as-new, or the Java test server behind
    // `cutover dev` loses its outcome and the client re-sends it to the new run.
    Workflow.sleep(CONTINUE_AS_NEW_SETTLE);
    Workflow.await(Workflow::isEveryHandlerFinished);
    if (!state.betweenAttempts()) {
      return;
    }
    int attempts = state.attemptNumber();
    List<Approval> pending =
        steps.approvals.stream().filter(a -> a.forAttempt() > attempts).toList();
    Continuation next = book.continuation(attempts, state.step(), pending, pendingExecute);
    MigrationWorkflow self =
        Workflow.newContinueAsNewStub(
            MigrationWorkflow.class,
            ContinueAsNewOptions.newBuilder()
                .setInitialVersioningBehavior(InitialVersioningBehavior.AUTO_UPGRADE)
                // The run's other attributes too (a wave's CutoverWave): a continue-as-new that
                // sets attributes replaces them all.
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder(Workflow.getTypedSearchAttributes())
                        .set(StatusBook.STEP_KEY, state.step().name())
                        .build())
                .build());
    self.run(steps.plan, next);
  }

  private void resume(Continuation c) {
    state.resume(c.attempts(), c.restingAt());
    book.resume(c);
    steps.validation = c.validation();
    steps.approvals.addAll(c.pendingApprovals());
    pendingExecute = c.pendingExecute();
    if (pendingExecute != null) {
      state.queueExecute();
    }
  }

  /** One execute: true when the cutover completed, false when it ended back at a resting step. */
  private boolean runAttempt(ExecuteRequest request) {
    CutoverStep resting = state.step();
    CutoverStep endedAt = resting;
    Policies policies = request.overrides().applyTo(steps.plan.policies());
    Attempt attempt = state.beginAttempt(policies);
    book.clearError();
    if (request.reason() != null) {
      book.note(
          "attempt "
              + state.attemptNumber()
              + " requested by "
              + request.who()
              + ": "
              + request.reason());
    }
    steps.usePolicies(policies);
    Compensations undo = new Compensations();
    try {
      ValidationReport v = steps.validate(steps.plan.withPolicies(policies));
      if (!v.passed()) {
        book.rest(resting, "validation found problems; nothing was changed");
        book.error(v.problemsText());
        return false;
      }
      steps.validation = v;
      TopicSet topics = steps.topics();
      steps.step(WAIT_FOR_LAG, () -> steps.waitForLag(topics, policies.lagThreshold()));
      if (policies.requireApproval()) {
        steps.step(AWAIT_APPROVAL, steps::awaitApproval);
      } else {
        book.skip(AWAIT_APPROVAL, "requireApproval is false");
      }
      undo.register("unfence the gateway and confirm traffic flows", steps::unfenceAndConfirm);
      fenceBudget.start(attempt);
      steps.step(
          FENCE,
          () -> guard.interruptible(() -> steps.acts.gateway.fenceRoutes(steps.fenceRequest())));
      var verify = steps.unroutedProducers;
      var window =
          verify.overlapsPassiveWaits() ? verify.startUnroutedProducerWindow(topics) : null;
      if (policies.pauseConsumerOffsetSync()) {
        undo.register("restore consumer offset sync", steps::restoreOffsetSync);
        steps.step(PAUSE_OFFSET_SYNC, steps::pauseOffsetSync);
      } else {
        book.skip(PAUSE_OFFSET_SYNC, "pauseConsumerOffsetSync is false");
      }
      if (window != null) {
        steps.joined(VERIFY_FENCE, () -> verify.judgeUnroutedProducerWindow(window));
      } else if (!policies.detectUnroutedProducersDuration().isZero()) {
        steps.step(VERIFY_FENCE, () -> verify.verifyFence(topics));
      } else {
        book.skip(VERIFY_FENCE, "detectUnroutedProducersDuration is 0");
      }
      PromoteStep promote =
          new PromoteStep(steps.plan, topics, state, book, guard, () -> steps.acts);
      promote.untilPointOfNoReturn(
          () -> steps.assertFenced(false), () -> steps.waitForLag(topics, 0));
      fenceBudget.cancel();
      // Past here the only way is forward: nothing below compensates.
      promote.finish(steps::holdUntilRetry);
      steps.promoteFinish.run(topics);
      steps.switchGateway();
      steps.restoreAfterSwitch();
      endedAt = DONE;
      book.rest(DONE, "cutover complete: " + topics.size() + " topic(s) on the destination");
      return true;
    } catch (AbortSignal a) {
      compensate(undo, a);
      endedAt = ROLLED_BACK;
      return false;
    } finally {
      state.endAttempt(endedAt);
    }
  }

  private void compensate(Compensations undo, AbortSignal cause) {
    CutoverStep from = state.step();
    fenceBudget.cancel();
    guard.cancelAlongside(cause.cause());
    book.endOpen(StepRecord.Outcome.ABORTED, "not finished: " + cause.cause());
    state.compensate();
    book.error("rolling back from " + from + ": " + cause.cause());
    int attempt = state.attemptNumber();
    List<String> failures = guard.protect(() -> undo.runAll(book, attempt));
    while (!failures.isEmpty()) {
      state.compensationHeld(true);
      rollbackRetryRequested = false;
      book.error("rollback incomplete: " + String.join("; ", failures));
      guard.awaitProtected(() -> rollbackRetryRequested);
      state.compensationHeld(false);
      failures = guard.protect(() -> undo.runAll(book, attempt));
    }
    book.rolledBack(from, cause.cause(), cause.requestedBy);
  }

  private Object onCancelRequested() {
    AbortSignal cancel =
        new AbortSignal(Kind.WORKFLOW_CANCELLED, "the workflow was cancelled", null);
    if (state.attemptRunning() && !guard.requestAbort(cancel)) {
      book.note(
          "Cancel requested at "
              + state.step()
              + ", after the point of no return: the cutover runs to"
              + " completion, because returning clients to the source would split the data.");
    }
    return null;
  }

  // ---- Updates and the query ----

  @Override
  public void validateExecute(ExecuteRequest request) {
    UpdateRules.checkExecute(state, request, steps.plan);
  }

  @Override
  public UpdateAck execute(ExecuteRequest request) {
    return Handlers.guarded("execute", () -> onExecute(request));
  }

  private UpdateAck onExecute(ExecuteRequest request) {
    if (state.held()) {
      // Only retry-safe policies can differ here: the validator refused the rest.
      steps.usePolicies(state.attempt().retryWith(request.overrides()));
      steps.retryRequested = true;
      String by = request.who() + (request.reason() == null ? "" : ": " + request.reason());
      if (request.reason() != null) {
        book.note("retry of " + state.step() + " requested by " + by);
      }
      return new UpdateAck("retrying " + state.step() + " (requested by " + by + ")", state.step());
    }
    pendingExecute = request;
    state.queueExecute();
    return new UpdateAck(
        "execute accepted: attempt " + (state.attemptNumber() + 1) + " starts with VALIDATE",
        state.step());
  }

  @Override
  public void validateApprove(Actor approver) {
    UpdateRules.checkApprove(state, approver);
  }

  @Override
  public UpdateAck approve(Actor approver) {
    return Handlers.guarded("approve", () -> onApprove(approver));
  }

  private UpdateAck onApprove(Actor approver) {
    int forAttempt = state.attemptRunning() ? state.attemptNumber() : state.attemptNumber() + 1;
    Actor recorded = approver.at(StatusBook.now());
    steps.approvals.add(new Approval(recorded, forAttempt));
    book.approved(recorded);
    String msg =
        state.step() == AWAIT_APPROVAL && state.attemptRunning()
            ? "approved by " + approver.who() + "; fencing the gateway"
            : "approval by "
                + approver.who()
                + " recorded for attempt "
                + forAttempt
                + "; it counts when that attempt"
                + " reaches AWAIT_APPROVAL";
    return new UpdateAck(msg, state.step());
  }

  @Override
  public void validateRollback(Actor requester) {
    UpdateRules.checkRollback(state, requester);
  }

  @Override
  public UpdateAck rollback(Actor requester) {
    return Handlers.guarded("rollback", () -> onRollback(requester));
  }

  private UpdateAck onRollback(Actor requester) {
    Actor who = requester.at(StatusBook.now());
    if (state.compensationHeld()) {
      rollbackRetryRequested = true;
      return new UpdateAck("retrying the incomplete rollback", state.step());
    }
    boolean accepted =
        guard.requestAbort(
            new AbortSignal(
                Kind.ROLLBACK_REQUESTED,
                "rollback requested by "
                    + who.who()
                    + (who.reason() == null ? "" : ": " + who.reason()),
                who));
    if (!accepted) { // the point of no return passed between the validator and this handler
      throw ApplicationFailure.newNonRetryableFailure(
          "rollback refused: a promote was just accepted, so returning"
              + " clients to the source would split the data. "
              + NextActions.MANUAL_WAY_BACK,
          "RollbackRefused");
    }
    return new UpdateAck(
        "rollback accepted at "
            + state.step()
            + "; undoing in reverse order, then waiting for execute",
        state.step());
  }

  @Override
  public void validateReinit(MigrationPlan next) {
    UpdateRules.checkReinit(state, steps.plan, next);
  }

  @Override
  public ValidationReport reinit(MigrationPlan next) {
    return Handlers.guarded("reinit", () -> onReinit(next));
  }

  private ValidationReport onReinit(MigrationPlan next) {
    CutoverStep resting = state.step();
    Policies before = steps.policies;
    state.validating();
    ValidationReport r;
    try {
      steps.usePolicies(next.policies());
      r = steps.validate(next);
    } catch (RuntimeException e) {
      steps.usePolicies(before);
      state.rest(resting);
      book.rest(resting, "re-init failed; the previous plan stays in force");
      throw e;
    }
    if (r.passed()) {
      steps.plan = next;
      steps.validation = r;
      book.clearError();
      state.rest(AWAIT_EXECUTE);
      book.rest(AWAIT_EXECUTE, "re-initialised: " + r.summary());
    } else {
      steps.usePolicies(before);
      state.rest(resting);
      book.rest(resting, "re-init refused; the previous plan stays in force");
      book.error(r.problemsText());
    }
    return r;
  }

  @Override
  public MigrationStatus status() {
    return book.status();
  }

  @Override
  public MigrationStatus progress() {
    return book.progress();
  }
}
