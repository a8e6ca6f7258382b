package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.*;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.activity.ClusterLinkActivities.PauseRequest;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.ClusterLinkActivities.RestoreRequest;
import io.cutover.workflow.activity.GatewayActivities.FenceCheck;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.GatewayActivities.TrafficCheckRequest;
import io.cutover.workflow.activity.GatewayActivities.UnfenceRequest;
import io.cutover.workflow.activity.OffsetActivities.DetectRequest;
import io.cutover.workflow.activity.OffsetActivities.LagRequest;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.*;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cutover of one migration group. {@link #runAttempt} reads like the step table of
 * docs/architecture.md; the rules it keeps: compensation before PROMOTE, forward-only after it, a
 * fence budget, and a fence re-check before every step that relies on it.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {
  /** Lag is measured in slices so status stays live without one activity per reading. */
  static final Duration LAG_SLICE = Duration.ofSeconds(15);
  static final Duration LAG_SLICE_LONG = Duration.ofSeconds(60);
  static final int SHORT_SLICES = 20;
  static final Duration LAG_REPOLL_PAUSE = Duration.ofSeconds(2);
  static final Duration TRAFFIC_CHECK_TIMEOUT = Duration.ofMinutes(1);
  static final int MAX_VIOLATIONS_SHOWN = 20;

  private record Approval(Actor actor, int forAttempt) {}

  private final RunState state = new RunState();
  private final StatusBook book = new StatusBook(state);
  private final Guard guard = new Guard(state);
  private final List<Approval> approvals = new ArrayList<>();
  private MigrationPlan plan;
  private ValidationReport validation;
  private Policies policies;
  private Activities acts;
  private ExecuteRequest pendingExecute;
  private boolean retryRequested;
  private boolean rollbackRetryRequested;
  /** The pause refused because sync was already off: it wrote nothing, so there is nothing to restore. */
  private boolean offsetSyncUntouched;
  private CancellationScope fenceBudget;

  @Override
  public RunReport run(MigrationPlan input) {
    plan = input;
    usePolicies(input.policies());
    book.begin(input.name(), policies);
    CancellationScope.current().getCancellationRequest().thenApply(reason -> onCancelRequested());
    state.validating = true;
    ValidationReport first = validate(input);
    state.validating = false;
    if (!first.passed()) {
      book.rest(FAILED, first.problemsText());
      throw ApplicationFailure.newNonRetryableFailure(first.problemsText(), "ValidationFailed");
    }
    validation = first;
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
    usePolicies(request.overrides().applyTo(plan.policies()));
    Compensations undo = new Compensations();
    offsetSyncUntouched = false;
    try {
      ValidationReport v = validate(plan.withPolicies(policies));
      if (!v.passed()) {
        state.attemptRunning = false;
        book.rest(resting, "validation found problems; nothing was changed");
        book.error(v.problemsText());
        return false;
      }
      validation = v;
      List<String> topics = v.topics();
      step(WAIT_FOR_LAG, () -> waitForLag(topics, policies.lagThreshold()));
      if (policies.requireApproval()) {
        step(AWAIT_APPROVAL, this::awaitApproval);
      } else {
        book.skip(AWAIT_APPROVAL, "requireApproval is false");
      }
      undo.register("unfence the gateway and confirm traffic flows", this::unfenceAndConfirm);
      startFenceBudget();
      step(FENCE, () -> guard.interruptible(() -> acts.gateway.fenceRoutes(fenceRequest())));
      if (policies.pauseConsumerOffsetSync()) {
        undo.register("restore consumer offset sync", this::restoreOffsetSync);
        step(PAUSE_OFFSET_SYNC, this::pauseOffsetSync);
      } else {
        book.skip(PAUSE_OFFSET_SYNC, "pauseConsumerOffsetSync is false");
      }
      if (!policies.detectUnroutedProducersDuration().isZero()) {
        step(VERIFY_FENCE, () -> verifyFence(topics));
      } else {
        book.skip(VERIFY_FENCE, "detectUnroutedProducersDuration is 0");
      }
      PromoteStep promote = new PromoteStep(plan, topics, state, book, guard, this::acts);
      promote.untilPointOfNoReturn(() -> assertFenced(false), () -> waitForLag(topics, 0));
      cancelFenceBudget();
      // Past here the only way is forward: nothing below compensates.
      promote.finish(this::holdUntilRetry);
      switchGateway();
      restoreAfterSwitch();
      book.rest(DONE, "cutover complete: " + topics.size() + " topic(s) on the destination");
      return true;
    } catch (AbortSignal a) {
      compensate(undo, a);
      return false;
    } finally {
      state.attemptRunning = false;
    }
  }

  private void step(CutoverStep s, Runnable body) {
    book.start(s);
    try {
      body.run();
      book.end(s, Outcome.OK, null);
    } catch (AbortSignal a) {
      book.end(s, a.outcome(), a.cause());
      throw a;
    } catch (ActivityFailure f) {
      String why = Failures.describe(f);
      book.end(s, Outcome.FAILED, why);
      throw new AbortSignal(Kind.STEP_FAILED, s + " failed: " + why, null);
    }
  }

  private ValidationReport validate(MigrationPlan p) {
    book.start(VALIDATE);
    ValidationReport r;
    try {
      r = guard.interruptible(() -> acts.validation.validatePlan(p));
    } catch (ActivityFailure f) {
      r = new ValidationReport(List.of("validation could not run: " + Failures.describe(f)), List.of(), List.of(),
          null, null, "validation could not run");
    } catch (AbortSignal a) {
      book.end(VALIDATE, Outcome.ABORTED, a.cause());
      throw a;
    }
    book.validated(r);
    book.end(VALIDATE, r.passed() ? Outcome.OK : Outcome.FAILED, r.passed() ? r.summary() : r.problemsText());
    return r;
  }

  private void waitForLag(List<String> topics, long threshold) {
    for (int slice = 0; ; slice++) {
      Duration wait = slice < SHORT_SLICES ? LAG_SLICE : LAG_SLICE_LONG;
      LagRequest req = new LagRequest(Targets.Kafka.source(plan), Targets.Kafka.destination(plan), topics, threshold, wait);
      LagSnapshot s = guard.interruptible(() -> acts.offsets(wait).awaitLagBelow(req));
      book.lag(s);
      book.publish();
      if (s.withinThreshold()) {
        return;
      }
      guard.sleepInterruptibly(LAG_REPOLL_PAUSE);
    }
  }

  private void awaitApproval() {
    if (guard.awaitInterruptibly(policies.approvalTimeout(), this::approvedForThisAttempt)) {
      return;
    }
    String why = "no approval within approvalTimeout (" + Durations.format(policies.approvalTimeout()) + ")";
    if (policies.approvalTimeoutAction() == ApprovalTimeoutAction.ABORT) {
      throw new AbortSignal(Kind.APPROVAL_TIMEOUT, why + "; approvalTimeoutAction is ABORT", null);
    }
    book.error(why + "; still waiting, because approvalTimeoutAction is KEEP_WAITING");
    guard.awaitInterruptibly(null, this::approvedForThisAttempt);
    book.clearError();
  }

  private boolean approvedForThisAttempt() {
    return approvals.stream().anyMatch(a -> a.forAttempt() == state.attempt);
  }

  private void pauseOffsetSync() {
    assertFenced(false);
    Duration drain = policies.consumerOffsetSyncDrainDuration();
    try {
      guard.interruptible(() -> acts.link.pauseOffsetSync(new PauseRequest(Targets.Link.of(plan), drain)));
    } catch (ActivityFailure f) {
      // Someone turned sync off after VALIDATE; restoring it would override them, so leave it.
      offsetSyncUntouched = f.getCause() instanceof ApplicationFailure af
          && FailureTypes.STATE_DRIFT.equals(af.getType());
      throw f;
    }
  }

  private void verifyFence(List<String> topics) {
    assertFenced(false);
    Duration window = policies.detectUnroutedProducersDuration();
    DetectRequest req = new DetectRequest(Targets.Kafka.source(plan), topics, window);
    UnroutedProducerReport r = guard.interruptible(() -> acts.offsets(window).detectUnroutedProducers(req));
    if (!r.clean()) {
      List<String> shown = r.violations().subList(0, Math.min(MAX_VIOLATIONS_SHOWN, r.violations().size()));
      String more = r.violations().size() > shown.size() ? " (and " + (r.violations().size() - shown.size()) + " more)" : "";
      throw new AbortSignal(Kind.UNROUTED_PRODUCERS, "unrouted producers detected: " + String.join("; ", shown) + more
          + ". These producers write straight to the source cluster, bypassing the gateway; reconfigure them to"
          + " produce through the gateway, then execute again.", null);
    }
  }

  /** The fence must be live before each step that relies on it; a drifted fence is re-applied. */
  private void assertFenced(boolean afterPointOfNoReturn) {
    FenceCheck c = afterPointOfNoReturn
        ? guard.protect(() -> acts.gateway.assertFenced(fenceRequest()))
        : guard.interruptible(() -> acts.gateway.assertFenced(fenceRequest()));
    if (!c.wasLive()) {
      book.note("Attempt " + state.attempt + ": the fence was not live before " + state.step + " and was re-applied: "
          + c.detail());
    }
  }

  private void switchGateway() {
    book.start(SWITCH);
    boolean[] fenceChecked = {false};
    PromoteStep.forward(() -> {
      if (!fenceChecked[0]) { // only before the first switch write: afterwards the CR may be half switched
        assertFenced(true);
        fenceChecked[0] = true;
      }
      guard.protect(() -> acts.gateway.switchRoutes(
          new SwitchRequest(Targets.Gateway.of(plan), plan.gateway().switchoverCr(), policies.rolloutTimeout())));
    }, this::holdUntilRetry);
    book.switched();
    book.end(SWITCH, Outcome.OK, null);
  }

  private void restoreAfterSwitch() {
    if (!policies.pauseConsumerOffsetSync()) {
      book.skip(RESTORE_OFFSET_SYNC, "offset sync was not paused");
      return;
    }
    book.start(RESTORE_OFFSET_SYNC);
    PromoteStep.forward(() -> guard.protect(() -> {
      restoreOffsetSync();
      return null;
    }), this::holdUntilRetry);
    book.end(RESTORE_OFFSET_SYNC, Outcome.OK, null);
  }

  /** After the point of no return a failed step holds here until the operator runs execute. */
  private void holdUntilRetry(String failure) {
    state.held = true;
    retryRequested = false;
    book.error(state.step + " failed after the point of no return: " + failure);
    Workflow.getLogger(MigrationWorkflowImpl.class).warn("Holding at {}: {}", state.step, failure);
    guard.awaitProtected(() -> retryRequested);
    state.held = false;
    book.clearError();
    book.publish();
  }

  private void unfenceAndConfirm() {
    Targets.Gateway gw = Targets.Gateway.of(plan);
    acts.gatewayUndo.unfenceRoutes(new UnfenceRequest(gw, validation.gateway(), policies.rolloutTimeout()));
    acts.gatewayUndo.confirmTrafficFlows(new TrafficCheckRequest(gw, plan.gateway().fenceRoutes(), TRAFFIC_CHECK_TIMEOUT));
  }

  private void restoreOffsetSync() {
    if (offsetSyncUntouched) {
      book.note("Attempt " + state.attempt + ": offset sync was found off by someone else and left as it is.");
      return;
    }
    acts.linkUndo.restoreOffsetSync(new RestoreRequest(Targets.Link.of(plan), validation.offsetSyncConfigs()));
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
    Duration budget = policies.maxFencedDuration();
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

  private FenceRequest fenceRequest() {
    return new FenceRequest(Targets.Gateway.of(plan), validation.gateway(), plan.gateway().fenceRoutes(),
        policies.fenceErrorCode(), policies.rolloutTimeout());
  }

  private Activities acts() {
    return acts;
  }

  private void usePolicies(Policies p) {
    policies = p;
    acts = new Activities(p);
    book.usePolicies(p);
  }

  // ---- Updates and the query ----

  @Override
  public void validateExecute(ExecuteRequest request) {
    UpdateRules.checkExecute(state, request, plan);
  }

  @Override
  public UpdateAck execute(ExecuteRequest request) {
    if (state.held) {
      usePolicies(request.overrides().applyTo(plan.policies()));
      retryRequested = true;
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
    int forAttempt = state.attemptRunning ? state.attempt : state.attempt + 1;
    Actor recorded = approver.at(StatusBook.now());
    approvals.add(new Approval(recorded, forAttempt));
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
    UpdateRules.checkReinit(state, plan, next);
  }

  @Override
  public ValidationReport reinit(MigrationPlan next) {
    CutoverStep resting = state.step;
    Policies before = policies;
    state.validating = true;
    usePolicies(next.policies());
    ValidationReport r = validate(next);
    state.validating = false;
    if (r.passed()) {
      plan = next;
      validation = r;
      book.clearError();
      book.rest(AWAIT_EXECUTE, "re-initialised: " + r.summary());
    } else {
      usePolicies(before);
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
