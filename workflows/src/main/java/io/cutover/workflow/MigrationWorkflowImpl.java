package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.*;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.model.*;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The cutover of one migration group. {@link #runAttempt} reads like the step table of
 * docs/architecture.md; the rules it keeps: compensation before PROMOTE, forward-only after it, a
 * fence budget, and a fence re-check before every step that relies on it.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {
  private final RunState state = new RunState();
  private final StatusBook book = new StatusBook(state);
  private final Guard guard = new Guard(state);
  private final CutoverSteps steps = new CutoverSteps(state, book, guard);
  private ExecuteRequest pendingExecute;
  private boolean rollbackRetryRequested;
  private CancellationScope fenceBudget;

  @Override
  public RunReport run(MigrationPlan input) {
    steps.plan = input;
    steps.usePolicies(input.policies());
    book.begin(input.name(), steps.policies);
    CancellationScope.current().getCancellationRequest().thenApply(reason -> onCancelRequested());
    state.validating = true;
    ValidationReport first = steps.validate(input);
    state.validating = false;
    if (!first.passed()) {
      book.rest(FAILED, first.problemsText());
      throw ApplicationFailure.newNonRetryableFailure(first.problemsText(), "ValidationFailed");
    }
    steps.validation = first;
    book.rest(AWAIT_EXECUTE, first.summary());
    while (true) {
      Workflow.await(() -> pendingExecute != null);
      ExecuteRequest request = pendingExecute;
      pendingExecute = null;
      state.executePending = false;
      if (runAttempt(request)) {
        return book.report();
      }
    }
  }

  /** One execute: true when the cutover completed, false when it ended back at a resting step. */
  private boolean runAttempt(ExecuteRequest request) {
    CutoverStep resting = state.step;
    state.attempt++;
    state.attemptRunning = true;
    guard.reset();
    book.clearError();
    steps.usePolicies(request.overrides().applyTo(steps.plan.policies()));
    Compensations undo = new Compensations();
    steps.offsetSyncUntouched = false;
    try {
      ValidationReport v = steps.validate(steps.plan.withPolicies(steps.policies));
      if (!v.passed()) {
        state.attemptRunning = false;
        book.rest(resting, "validation found problems; nothing was changed");
        book.error(v.problemsText());
        return false;
      }
      steps.validation = v;
      List<String> topics = v.topics();
      steps.step(WAIT_FOR_LAG, () -> steps.waitForLag(topics, steps.policies.lagThreshold()));
      if (steps.policies.requireApproval()) {
        steps.step(AWAIT_APPROVAL, steps::awaitApproval);
      } else {
        book.skip(AWAIT_APPROVAL, "requireApproval is false");
      }
      undo.register("unfence the gateway and confirm traffic flows", steps::unfenceAndConfirm);
      startFenceBudget();
      steps.step(FENCE, () -> guard.interruptible(() -> steps.acts.gateway.fenceRoutes(steps.fenceRequest())));
      if (steps.policies.pauseConsumerOffsetSync()) {
        undo.register("restore consumer offset sync", steps::restoreOffsetSync);
        steps.step(PAUSE_OFFSET_SYNC, steps::pauseOffsetSync);
      } else {
        book.skip(PAUSE_OFFSET_SYNC, "pauseConsumerOffsetSync is false");
      }
      if (!steps.policies.detectUnroutedProducersDuration().isZero()) {
        steps.step(VERIFY_FENCE, () -> steps.verifyFence(topics));
      } else {
        book.skip(VERIFY_FENCE, "detectUnroutedProducersDuration is 0");
      }
      PromoteStep promote = new PromoteStep(steps.plan, topics, state, book, guard, () -> steps.acts);
      promote.untilPointOfNoReturn(() -> steps.assertFenced(false), () -> steps.waitForLag(topics, 0));
      cancelFenceBudget();
      // Past here the only way is forward: nothing below compensates.
      promote.finish(steps::holdUntilRetry);
      steps.switchGateway();
      steps.restoreAfterSwitch();
      book.rest(DONE, "cutover complete: " + topics.size() + " topic(s) on the destination");
      return true;
    } catch (AbortSignal a) {
      compensate(undo, a);
      return false;
    } finally {
      state.attemptRunning = false;
      guard.reset();
    }
  }

  private void compensate(Compensations undo, AbortSignal cause) {
    CutoverStep from = state.step;
    cancelFenceBudget();
    state.compensating = true;
    book.error("rolling back from " + from + ": " + cause.cause());
    List<String> failures = guard.protect(() -> undo.runAll(book, state.attempt));
    while (!failures.isEmpty()) {
      state.compensationHeld = true;
      rollbackRetryRequested = false;
      book.error("rollback incomplete: " + String.join("; ", failures));
      guard.awaitProtected(() -> rollbackRetryRequested);
      state.compensationHeld = false;
      failures = guard.protect(() -> undo.runAll(book, state.attempt));
    }
    state.compensating = false;
    book.rolledBack(from, cause.cause(), cause.requestedBy);
  }

  private void startFenceBudget() {
    Duration budget = steps.policies.maxFencedDuration();
    int attempt = state.attempt;
    fenceBudget = Workflow.newCancellationScope(() -> Workflow.newTimer(budget).thenApply(fired -> {
      if (state.attempt == attempt) {
        guard.requestAbort(new AbortSignal(Kind.FENCE_BUDGET_EXCEEDED, "clients were fenced for maxFencedDuration ("
            + Durations.format(budget) + ") before PROMOTE began; unfencing automatically", null));
      }
      return fired;
    }).exceptionally(canceled -> null));
    fenceBudget.run();
  }

  private void cancelFenceBudget() {
    if (fenceBudget != null) {
      fenceBudget.cancel("fence budget no longer needed");
      fenceBudget = null;
    }
  }

  private Object onCancelRequested() {
    AbortSignal cancel = new AbortSignal(Kind.WORKFLOW_CANCELLED, "the workflow was cancelled", null);
    if (state.attemptRunning && !guard.requestAbort(cancel)) {
      book.note("Cancel requested at " + state.step + ", after the point of no return: the cutover runs to"
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
    if (state.held) {
      steps.usePolicies(request.overrides().applyTo(steps.plan.policies()));
      steps.retryRequested = true;
      return new UpdateAck("retrying " + state.step + " (requested by " + request.who() + ")", state.step);
    }
    pendingExecute = request;
    state.executePending = true;
    return new UpdateAck("execute accepted: attempt " + (state.attempt + 1) + " starts with VALIDATE", state.step);
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
    int forAttempt = state.attemptRunning ? state.attempt : state.attempt + 1;
    Actor recorded = approver.at(StatusBook.now());
    steps.approvals.add(new CutoverSteps.Approval(recorded, forAttempt));
    book.approved(recorded);
    String msg = state.step == AWAIT_APPROVAL && state.attemptRunning
        ? "approved by " + approver.who() + "; fencing the gateway"
        : "approval by " + approver.who() + " recorded for attempt " + forAttempt + "; it counts when that attempt"
            + " reaches AWAIT_APPROVAL";
    return new UpdateAck(msg, state.step);
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
    if (state.compensationHeld) {
      rollbackRetryRequested = true;
      return new UpdateAck("retrying the incomplete rollback", state.step);
    }
    guard.requestAbort(new AbortSignal(Kind.ROLLBACK_REQUESTED,
        "rollback requested by " + who.who() + (who.reason() == null ? "" : ": " + who.reason()), who));
    return new UpdateAck("rollback accepted at " + state.step + "; undoing in reverse order, then waiting for execute",
        state.step);
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
    CutoverStep resting = state.step;
    Policies before = steps.policies;
    state.validating = true;
    ValidationReport r;
    try {
      steps.usePolicies(next.policies());
      r = steps.validate(next);
    } catch (RuntimeException e) {
      steps.usePolicies(before);
      book.rest(resting, "re-init failed; the previous plan stays in force");
      throw e;
    } finally {
      state.validating = false;
    }
    if (r.passed()) {
      steps.plan = next;
      steps.validation = r;
      book.clearError();
      book.rest(AWAIT_EXECUTE, "re-initialised: " + r.summary());
    } else {
      steps.usePolicies(before);
      book.rest(resting, "re-init refused; the previous plan stays in force");
      book.error(r.problemsText());
    }
    return r;
  }

  @Override
  public MigrationStatus status() {
    return book.status();
  }
}
