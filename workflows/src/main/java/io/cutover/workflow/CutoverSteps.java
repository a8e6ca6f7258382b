package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.*;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.activity.ClusterLinkActivities.PauseRequest;
import io.cutover.workflow.activity.ClusterLinkActivities.RestoreRequest;
import io.cutover.workflow.activity.FailureTypes;
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
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the cutover's steps and the working state an attempt reads: the plan, the latest
 * validation, the policies in force and their activity stubs. {@link MigrationWorkflowImpl} decides
 * the order and what happens on failure; this class does each step.
 */
final class CutoverSteps {
  /** Lag is measured in slices so status stays live without one activity per reading. */
  static final Duration LAG_SLICE = Duration.ofSeconds(15);
  static final Duration LAG_SLICE_LONG = Duration.ofSeconds(60);
  static final int SHORT_SLICES = 20;
  static final Duration LAG_REPOLL_PAUSE = Duration.ofSeconds(2);
  static final Duration TRAFFIC_CHECK_TIMEOUT = Duration.ofMinutes(1);
  static final int MAX_VIOLATIONS_SHOWN = 20;

  record Approval(Actor actor, int forAttempt) {}

  private final RunState state;
  private final StatusBook book;
  private final Guard guard;
  final List<Approval> approvals = new ArrayList<>();
  MigrationPlan plan;
  ValidationReport validation;
  Policies policies;
  Activities acts;
  boolean retryRequested;
  /** The pause refused because sync was already off: it wrote nothing, so there is nothing to restore. */
  boolean offsetSyncUntouched;

  CutoverSteps(RunState state, StatusBook book, Guard guard) {
    this.state = state;
    this.book = book;
    this.guard = guard;
  }

  void step(CutoverStep s, Runnable body) {
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

  ValidationReport validate(MigrationPlan p) {
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

  void waitForLag(List<String> topics, long threshold) {
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

  void awaitApproval() {
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

  boolean approvedForThisAttempt() {
    return approvals.stream().anyMatch(a -> a.forAttempt() == state.attempt);
  }

  void pauseOffsetSync() {
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

  void verifyFence(List<String> topics) {
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
  void assertFenced(boolean afterPointOfNoReturn) {
    FenceCheck c = afterPointOfNoReturn
        ? guard.protect(() -> acts.gateway.assertFenced(fenceRequest()))
        : guard.interruptible(() -> acts.gateway.assertFenced(fenceRequest()));
    if (!c.wasLive()) {
      book.note("Attempt " + state.attempt + ": the fence was not live before " + state.step + " and was re-applied: "
          + c.detail());
    }
  }

  void switchGateway() {
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

  void restoreAfterSwitch() {
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
  void holdUntilRetry(String failure) {
    state.held = true;
    retryRequested = false;
    book.error(state.step + " failed after the point of no return: " + failure);
    Workflow.getLogger(MigrationWorkflowImpl.class).warn("Holding at {}: {}", state.step, failure);
    guard.awaitProtected(() -> retryRequested);
    state.held = false;
    book.clearError();
    book.publish();
  }

  void unfenceAndConfirm() {
    Targets.Gateway gw = Targets.Gateway.of(plan);
    acts.gatewayUndo.unfenceRoutes(new UnfenceRequest(gw, validation.gateway(), policies.rolloutTimeout()));
    acts.gatewayUndo.confirmTrafficFlows(new TrafficCheckRequest(gw, plan.gateway().fenceRoutes(), TRAFFIC_CHECK_TIMEOUT));
  }

  void restoreOffsetSync() {
    if (offsetSyncUntouched) {
      book.note("Attempt " + state.attempt + ": offset sync was found off by someone else and left as it is.");
      return;
    }
    acts.linkUndo.restoreOffsetSync(new RestoreRequest(Targets.Link.of(plan), validation.offsetSyncConfigs()));
  }

  FenceRequest fenceRequest() {
    return new FenceRequest(Targets.Gateway.of(plan), validation.gateway(), plan.gateway().fenceRoutes(),
        policies.fenceErrorCode(), policies.rolloutTimeout());
  }

  Activities acts() {
    return acts;
  }

  void usePolicies(Policies p) {
    policies = p;
    acts = new Activities(p);
    book.usePolicies(p);
  }
}
