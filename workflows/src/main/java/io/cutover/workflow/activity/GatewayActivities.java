package io.cutover.workflow.activity;

import io.cutover.workflow.model.FenceErrorCode;
import io.cutover.workflow.model.GatewaySnapshot;
import io.cutover.workflow.model.MigrationPlan;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import java.util.List;

/** The gateway custom resource: fence, unfence, switch, and checks on each. */
@ActivityInterface
public interface GatewayActivities {

  /** Fence (or check the fence of) these routes, deriving the fenced CR from the snapshot. */
  record FenceRequest(
      Targets.Gateway gateway,
      GatewaySnapshot base,
      List<String> routes,
      FenceErrorCode errorCode,
      Duration rolloutTimeout) {}

  /**
   * Re-apply the snapshot's version of the routes: the exact inverse of the fence.
   *
   * @param routes the migration's routes (the fence's); null in requests recorded before they were
   *     named, which re-apply the whole snapshot
   */
  record UnfenceRequest(
      Targets.Gateway gateway,
      GatewaySnapshot base,
      Duration rolloutTimeout,
      List<String> routes) {}

  /**
   * Route to the destination, no fence: apply the switchover CR, or, when it is empty, derive the
   * switched CR from the snapshot (docs/architecture.md, "SWITCH").
   *
   * @param switchoverCr the plan's switchover CR; empty for a derived switch
   * @param base the VALIDATE snapshot the derived switch starts from; null with a switchover CR
   *     (and in requests recorded before the derived switch existed)
   * @param routes the migration's routes: the derived switch binds them to {@code
   *     targetStreamingDomain}, a switchover CR sets them and leaves the other routes as they are
   *     live; empty in requests recorded before, which apply a switchover CR whole
   * @param targetStreamingDomain the plan's target streaming domain; empty with a switchover CR
   * @param fenceFirst the fence to confirm before the switch is written (re-applied first if it
   *     drifted); null on a retry after a hold, when the CR may already be switched, and in
   *     requests recorded before SWITCH checked the fence itself
   */
  record SwitchRequest(
      Targets.Gateway gateway,
      String switchoverCr,
      Duration rolloutTimeout,
      GatewaySnapshot base,
      List<String> routes,
      String targetStreamingDomain,
      FenceRequest fenceFirst) {
    public SwitchRequest(
        Targets.Gateway gateway,
        String switchoverCr,
        Duration rolloutTimeout,
        GatewaySnapshot base,
        List<String> routes,
        String targetStreamingDomain) {
      this(gateway, switchoverCr, rolloutTimeout, base, routes, targetStreamingDomain, null);
    }

    /** This request, confirming {@code fence} before it switches. */
    public SwitchRequest withFenceFirst(FenceRequest fence) {
      return new SwitchRequest(
          gateway, switchoverCr, rolloutTimeout, base, routes, targetStreamingDomain, fence);
    }

    /**
     * The request SWITCH sends for this plan and snapshot (the snapshot only travels for a derived
     * switch; the routes always do).
     */
    public static SwitchRequest of(
        MigrationPlan plan, GatewaySnapshot base, Duration rolloutTimeout) {
      var g = plan.gateway();
      boolean derived = g.switchoverCr() == null || g.switchoverCr().isEmpty();
      return new SwitchRequest(
          Targets.Gateway.of(plan),
          g.switchoverCr(),
          rolloutTimeout,
          derived ? base : null,
          g.fenceRoutes(),
          g.targetStreamingDomain());
    }
  }

  /** Check that clients get metadata through these routes (no fence answer). */
  record TrafficCheckRequest(Targets.Gateway gateway, List<String> routes, Duration timeout) {}

  /**
   * What a write observed.
   *
   * @param changed false when the live CR already matched and nothing was written
   * @param generation metadata.generation after the write
   * @param podsReplaced gateway pods that were replaced by the rollout
   * @param detail what was observed, for status and history
   * @param refenced how the fence had drifted when it was re-applied before this write (a switch
   *     given {@link SwitchRequest#fenceFirst}); null when it was live or not checked
   */
  record GatewayChange(
      boolean changed, long generation, int podsReplaced, String detail, String refenced) {
    public GatewayChange(boolean changed, long generation, int podsReplaced, String detail) {
      this(changed, generation, podsReplaced, detail, null);
    }

    public GatewayChange withRefenced(String drift) {
      return new GatewayChange(changed, generation, podsReplaced, detail, drift);
    }
  }

  /**
   * @param wasLive the fence was in place as expected; false means it drifted and was re-applied
   */
  record FenceCheck(boolean wasLive, String detail) {}

  /**
   * @param endpoints route endpoints that answered metadata requests
   */
  record TrafficCheck(List<String> endpoints, String detail) {}

  /**
   * Applies the fence: the snapshot with a fence block ({@code errorCode}) on each named route.
   *
   * <p>Verifies: the operator accepted the CR ({@code status.observedGeneration >=
   * metadata.generation}, no *Failed condition newer than the write), the Deployment rolled out,
   * and no pod from before the write still serves. Writes use resourceVersion and retry on 409.
   *
   * <p>Idempotent: a live CR that already equals the fenced CR is not written again. Inverse:
   * {@link #unfenceRoutes}.
   */
  @ActivityMethod(name = "FenceRoutes")
  GatewayChange fenceRoutes(FenceRequest request);

  /**
   * Checks the live CR still carries the fence on every named route (a worker may have died,
   * someone may have edited the CR); re-applies the fence and waits for it as {@link #fenceRoutes}
   * does if not.
   *
   * <p>Idempotent: reads first, writes only on drift. Inverse: {@link #unfenceRoutes}.
   */
  @ActivityMethod(name = "AssertFenced")
  FenceCheck assertFenced(FenceRequest request);

  /**
   * Re-applies the snapshot taken at VALIDATE, removing the fence.
   *
   * <p>Verifies acceptance and rollout as {@link #fenceRoutes} does. Idempotent: no write when the
   * live CR already equals the snapshot. Inverse: {@link #fenceRoutes}.
   */
  @ActivityMethod(name = "UnfenceRoutes")
  GatewayChange unfenceRoutes(UnfenceRequest request);

  /**
   * Applies the switchover CR under the target gateway's name and namespace, or, for a derived
   * switch, the snapshot with each named route's {@code streamingDomain} bound to the target
   * streaming domain and no fence (the same transformation kcp applies: fence, flip, unfence).
   *
   * <p>With {@link SwitchRequest#fenceFirst}, first checks as {@link #assertFenced} does that the
   * live CR still carries the fence, and re-applies it (waiting for its rollout) if it drifted, so
   * that a switch the operator then refuses leaves clients fenced, not on the source; a live CR
   * that already equals the switch (a retried attempt) is not re-fenced. The check and the write
   * are one activity so that no workflow task sits between them (docs/architecture.md, "The
   * steps").
   *
   * <p>Verifies acceptance (a rejection carries the operator's message) and rollout. Idempotent: no
   * write when the live spec already equals it. Inverse: none after PROMOTE (topics are writable on
   * the destination; routing back would split the data).
   */
  @ActivityMethod(name = "SwitchRoutes")
  GatewayChange switchRoutes(SwitchRequest request);

  /**
   * Confirms traffic flows: a Kafka client bootstrapped at each route's endpoint gets cluster
   * metadata, not a fence error.
   *
   * <p>Idempotent: reads only. Inverse: none needed.
   */
  @ActivityMethod(name = "ConfirmTrafficFlows")
  TrafficCheck confirmTrafficFlows(TrafficCheckRequest request);
}
