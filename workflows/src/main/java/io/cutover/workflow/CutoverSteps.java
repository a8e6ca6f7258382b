package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.*;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.activity.ClusterLinkActivities.DisableRequest;
import io.cutover.workflow.activity.ClusterLinkActivities.DrainRequest;
import io.cutover.workflow.activity.ClusterLinkActivities.RestoreRequest;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.activity.GatewayActivities.FenceCheck;
import io.cutover.workflow.activity.GatewayActivities.FenceRequest;
import io.cutover.workflow.activity.GatewayActivities.GatewayChange;
import io.cutover.workflow.activity.GatewayActivities.SwitchRequest;
import io.cutover.workflow.activity.GatewayActivities.TrafficCheckRequest;
import io.cutover.workflow.activity.GatewayActivities.UnfenceRequest;
import io.cutover.workflow.activity.OffsetActivities.LagRequest;
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
  /**
   * Lag is waited for inside long activities: a few short ones first, so a lag that is about to
   * drain is seen at once, then four hours each. Live progress is in the running activity's
   * heartbeat (the CLI and the Web UI read it from the pending activity), not in history, so a day
   * of waiting costs a few dozen events (docs/architecture.md, "Long waits and history size").
   */
  static final Duration LAG_SLICE = Duration.ofSeconds(15);

  static final Duration LAG_SLICE_LONG = Duration.ofHours(4);
  static final int SHORT_SLICES = 2;
  static final Duration LAG_REPOLL_PAUSE = Duration.ofSeconds(2);
  static final Duration TRAFFIC_CHECK_TIMEOUT = Duration.ofMinutes(1);

  /**
   * The change id of {@link Workflow#getVersion} for SWITCH checking the fence inside {@code
   * SwitchRoutes} instead of an {@code AssertFenced} before it: a run started before it replays as
   * it ran (docs/architecture.md, "Determinism").
   */
  static final String SWITCH_CHECKS_FENCE = "switch-checks-fence";

  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;
  final UnroutedProducerCheck unroutedProducers;
  final PromoteFinish promoteFinish;
  final StrandedWritesWatch strandedWatch;
  final List<Approval> approvals = new ArrayList<>();
  MigrationPlan plan;
  ValidationReport validation;
  Policies policies;
  Activities acts;
  boolean retryRequested;

  CutoverSteps(ControlState state, StatusBook book, Guard guard) {
    this.state = state;
    this.book = book;
    this.guard = guard;
    this.unroutedProducers = new UnroutedProducerCheck(this, book, guard);
    this.strandedWatch = new StrandedWritesWatch(this, book);
    this.promoteFinish = new PromoteFinish(this, state, book, guard);
  }

  void step(CutoverStep s, Runnable body) {
    book.start(s);
    run(s, body);
  }

  /** The rest of a step whose record {@link StatusBook#startAlongside} opened. */
  void joined(CutoverStep s, Runnable body) {
    book.enter(s);
    run(s, body);
  }

  private void run(CutoverStep s, Runnable body) {
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
      r =
          new ValidationReport(
              List.of("validation could not run: " + Failures.describe(f)),
              List.of(),
              null,
              null,
              null,
              "validation could not run");
    } catch (AbortSignal a) {
      book.end(VALIDATE, Outcome.ABORTED, a.cause());
      throw a;
    }
    book.validated(r);
    book.end(
        VALIDATE,
        r.passed() ? Outcome.OK : Outcome.FAILED,
        r.passed() ? r.summary() : r.problemsText());
    return r;
  }

  /** The validated topics; a listed set gets the plan's names back (a report carries none). */
  TopicSet topics() {
    return validation.topics().withPlanNames(plan.topics());
  }

  void waitForLag(TopicSet topics, long threshold) {
    for (int slice = 0; ; slice++) {
      Duration wait = slice < SHORT_SLICES ? LAG_SLICE : LAG_SLICE_LONG;
      LagRequest req = LagRequest.of(plan, topics, threshold, wait);
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
    String why =
        "no approval within approvalTimeout (" + Durations.format(policies.approvalTimeout()) + ")";
    if (policies.approvalTimeoutAction() == ApprovalTimeoutAction.ABORT) {
      throw new AbortSignal(Kind.APPROVAL_TIMEOUT, why + "; approvalTimeoutAction is ABORT", null);
    }
    book.error(why + "; still waiting, because approvalTimeoutAction is KEEP_WAITING");
    guard.awaitInterruptibly(null, this::approvedForThisAttempt);
    book.clearError();
  }

  boolean approvedForThisAttempt() {
    return approvals.stream().anyMatch(a -> a.forAttempt() == state.attemptNumber());
  }

  /**
   * Drains with sync on (read-only: drift is found here, before anything is written), then disables
   * it. The intent is recorded before the disable is scheduled, and the scheduling event is in
   * history, so a crash anywhere after it still ends with the restore (docs/architecture.md,
   * "Compensation").
   */
  void pauseOffsetSync() {
    assertFenced(false);
    Targets.Link link = Targets.Link.of(plan);
    Duration drain = policies.consumerOffsetSyncDrainDuration();
    try {
      guard.interruptible(() -> acts.linkDrain.drainOffsetSync(new DrainRequest(link, drain)));
    } catch (ActivityFailure f) {
      if (f.getCause() instanceof ApplicationFailure af
          && FailureTypes.STATE_DRIFT.equals(af.getType())) {
        book.note(
            "Attempt "
                + state.attemptNumber()
                + ": offset sync was found off by someone else before this"
                + " attempt changed it, and is left as it is.");
      }
      throw f;
    }
    state.attempt().offsetSyncDisableScheduling();
    try {
      guard.interruptible(() -> acts.link.disableOffsetSync(new DisableRequest(link)));
    } catch (ActivityFailure f) {
      Failures.settleAfterTimeout(
          f, guard); // so the restore that follows cannot be overtaken by this write
      throw f;
    }
  }

  /** The fence must be live before each step that relies on it; a drifted fence is re-applied. */
  void assertFenced(boolean afterPointOfNoReturn) {
    FenceCheck c =
        afterPointOfNoReturn
            ? guard.protect(() -> acts.gateway.assertFenced(fenceRequest()))
            : guard.interruptible(() -> acts.gateway.assertFenced(fenceRequest()));
    if (!c.wasLive()) {
      book.note(
          "Attempt "
              + state.attemptNumber()
              + ": the fence was not live before "
              + state.step()
              + " and was re-applied: "
              + c.detail());
    }
  }

  void switchGateway() {
    book.start(SWITCH);
    boolean inSwitch = Workflow.getVersion(SWITCH_CHECKS_FENCE, Workflow.DEFAULT_VERSION, 1) >= 1;
    boolean[] fenceChecked = {false};
    PromoteStep.forward(
        () -> {
          // Only before the first switch write: afterwards the CR may be half switched.
          boolean checkFence = !fenceChecked[0];
          fenceChecked[0] = true;
          if (checkFence && !inSwitch) {
            assertFenced(true);
          }
          SwitchRequest request =
              SwitchRequest.of(plan, validation.gateway(), policies.rolloutTimeout());
          SwitchRequest sent =
              checkFence && inSwitch ? request.withFenceFirst(fenceRequest()) : request;
          GatewayChange change = guard.protect(() -> acts.gateway.switchRoutes(sent));
          if (change != null && change.refenced() != null) {
            book.note(
                "Attempt "
                    + state.attemptNumber()
                    + ": the fence was not live before SWITCH and was re-applied before the"
                    + " switch was written: "
                    + change.refenced());
          }
        },
        this::holdUntilRetry);
    book.switched();
    book.end(SWITCH, Outcome.OK, null);
  }

  /** Driven by what the attempt did, not by a policy that may have been read since. */
  void restoreAfterSwitch() {
    if (!state.attempt().offsetSyncDisableScheduled()) {
      book.skip(RESTORE_OFFSET_SYNC, "this attempt did not pause offset sync");
      return;
    }
    book.start(RESTORE_OFFSET_SYNC);
    PromoteStep.forward(
        () ->
            guard.protect(
                () -> {
                  restoreOffsetSync();
                  return null;
                }),
        this::holdUntilRetry);
    book.end(RESTORE_OFFSET_SYNC, Outcome.OK, null);
  }

  /** After the point of no return a failed step holds here until the operator runs execute. */
  void holdUntilRetry(String failure) {
    state.hold();
    CutoverMetrics.held(state.step());
    retryRequested = false;
    book.error(state.step() + " failed after the point of no return: " + failure);
    Workflow.getLogger(MigrationWorkflowImpl.class)
        .warn("Holding at {}: {}", state.step(), failure);
    guard.awaitProtected(() -> retryRequested);
    state.release();
    book.clearError();
    book.publish();
  }

  void unfenceAndConfirm() {
    Targets.Gateway gw = Targets.Gateway.of(plan);
    acts.gatewayUndo.unfenceRoutes(
        new UnfenceRequest(
            gw, validation.gateway(), policies.rolloutTimeout(), plan.gateway().fenceRoutes()));
    acts.gatewayUndo.confirmTrafficFlows(
        new TrafficCheckRequest(gw, plan.gateway().fenceRoutes(), TRAFFIC_CHECK_TIMEOUT));
  }

  /** The undo of PAUSE_OFFSET_SYNC: nothing to do unless this attempt scheduled the disable. */
  void restoreOffsetSync() {
    if (!state.attempt().offsetSyncDisableScheduled()) {
      return;
    }
    acts.linkUndo.restoreOffsetSync(
        new RestoreRequest(Targets.Link.of(plan), validation.offsetSyncConfigs()));
  }

  FenceRequest fenceRequest() {
    return new FenceRequest(
        Targets.Gateway.of(plan),
        validation.gateway(),
        plan.gateway().fenceRoutes(),
        policies.fenceErrorCode(),
        policies.rolloutTimeout());
  }

  void usePolicies(Policies p) {
    policies = p;
    acts = new Activities(p);
    book.usePolicies(p);
  }
}
