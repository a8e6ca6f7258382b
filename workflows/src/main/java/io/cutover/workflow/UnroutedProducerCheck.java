package io.cutover.workflow;

import static io.cutover.workflow.CutoverStep.VERIFY_FENCE;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.activity.OffsetActivities;
import io.cutover.workflow.activity.OffsetActivities.DetectRequest;
import io.cutover.workflow.activity.OffsetActivities.UnroutedProducerReport;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.TopicSet;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * VERIFY_FENCE: while the fence holds, a window in which the source's end offsets must not move
 * (any that moves was written by a producer that bypasses the gateway). On its own it is a step;
 * with PAUSE_OFFSET_SYNC on too, it runs alongside the drain (docs/architecture.md, "The steps").
 */
final class UnroutedProducerCheck {
  static final int MAX_VIOLATIONS_SHOWN = 20;

  /**
   * The change id of {@link Workflow#getVersion} for running the window alongside the drain: a run
   * started before it replays as it ran (docs/architecture.md, "Determinism").
   */
  static final String OVERLAPPED_PASSIVE_WAITS = "overlapped-passive-waits";

  private final CutoverSteps steps;
  private final StatusBook book;
  private final Guard guard;

  UnroutedProducerCheck(CutoverSteps steps, StatusBook book, Guard guard) {
    this.steps = steps;
    this.book = book;
    this.guard = guard;
  }

  /** VERIFY_FENCE on its own: checks the fence, then runs the window and takes its verdict. */
  void verifyFence(TopicSet topics) {
    steps.assertFenced(false);
    DetectRequest req = detectRequest(topics);
    Duration window = req.window();
    judge(guard.interruptible(() -> steps.acts.offsets(window).detectUnroutedProducers(req)));
  }

  /**
   * True when this attempt runs the unrouted-producer window alongside the offset-sync drain: both
   * are passive waits while clients are fenced, so the window pays the longer of the two, not their
   * sum (docs/architecture.md, "The steps"). Runs started before the change keep the sequential
   * order.
   */
  boolean overlapsPassiveWaits() {
    return steps.policies.pauseConsumerOffsetSync()
        && !steps.policies.detectUnroutedProducersDuration().isZero()
        && Workflow.getVersion(OVERLAPPED_PASSIVE_WAITS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Opens VERIFY_FENCE and starts its window, to run alongside PAUSE_OFFSET_SYNC; {@link
   * #judgeUnroutedProducerWindow} takes its verdict. Any abort cancels it (see {@link
   * Guard#startInterruptible}).
   */
  Promise<UnroutedProducerReport> startUnroutedProducerWindow(TopicSet topics) {
    steps.assertFenced(false);
    book.startAlongside(VERIFY_FENCE);
    DetectRequest req = detectRequest(topics);
    OffsetActivities offsets = steps.acts.offsets(req.window());
    return guard.startInterruptible(() -> Async.function(offsets::detectUnroutedProducers, req));
  }

  /** The verdict of a window started alongside: PROMOTE still needs it. */
  void judgeUnroutedProducerWindow(Promise<UnroutedProducerReport> window) {
    judge(guard.interruptible(window::get));
  }

  private DetectRequest detectRequest(TopicSet topics) {
    return new DetectRequest(
        Targets.Kafka.source(steps.plan),
        Targets.Link.of(steps.plan),
        topics,
        steps.policies.detectUnroutedProducersDuration());
  }

  private static void judge(UnroutedProducerReport r) {
    if (!r.clean()) {
      List<String> shown =
          r.violations().subList(0, Math.min(MAX_VIOLATIONS_SHOWN, r.violations().size()));
      String more =
          r.movedPartitions() > shown.size()
              ? " (and " + (r.movedPartitions() - shown.size()) + " more partition(s))"
              : "";
      throw new AbortSignal(
          Kind.UNROUTED_PRODUCERS,
          "unrouted producers detected: "
              + String.join("; ", shown)
              + more
              + ". These producers write straight to the source cluster, bypassing the gateway; reconfigure them to"
              + " produce through the gateway, then execute again.",
          null);
    }
  }
}
