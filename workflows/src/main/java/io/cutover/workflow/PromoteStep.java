package io.cutover.workflow;

import io.cutover.workflow.Promotion.PromotionFailed;
import io.cutover.workflow.model.MigrationPlan;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.cutover.workflow.model.TopicSet;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The PROMOTE step, in two halves. Before the first accepted promote it may still be aborted and
 * compensated; after it, failures hold the run until the operator retries, and it only goes
 * forward.
 */
final class PromoteStep {
  /**
   * The change id of {@link Workflow#getVersion} for promoting the first batch on the reading that
   * ended the drain to zero lag, instead of reading its lag again: a run started before it replays
   * as it ran, with the second read (docs/architecture.md, "Determinism").
   */
  static final String DRAIN_READING_COUNTS = "promote-on-drain-reading";

  private final Promotion promotion;
  private final ControlState state;
  private final StatusBook book;
  private final Guard guard;
  private final Supplier<Activities> acts;
  private final int topicCount;
  private String failureAtPointOfNoReturn;

  PromoteStep(
      MigrationPlan plan,
      TopicSet topics,
      ControlState state,
      StatusBook book,
      Guard guard,
      Supplier<Activities> acts) {
    this.promotion = new Promotion(plan, topics, state, book, guard);
    this.state = state;
    this.book = book;
    this.guard = guard;
    this.acts = acts;
    this.topicCount = topics.size();
  }

  /**
   * Re-checks the fence, waits for every topic to reach zero lag, then promotes until the first
   * promote is accepted (or all are done). Throws {@link AbortSignal} while that has not happened.
   */
  void untilPointOfNoReturn(Runnable assertFenced, Runnable drainToZero) {
    book.start(CutoverStep.PROMOTE);
    try {
      assertFenced.run();
      drainToZero.run();
      if (Workflow.getVersion(DRAIN_READING_COUNTS, Workflow.DEFAULT_VERSION, 1) >= 1) {
        promotion.measuredAtZero();
      }
      while (!promotion.done() && !state.pointOfNoReturn()) {
        promotion.nextBatch(acts.get(), acts.get().policies.promoteBatchSize());
        guard.check();
      }
    } catch (AbortSignal a) {
      book.end(CutoverStep.PROMOTE, a.outcome(), a.cause());
      throw a;
    } catch (ActivityFailure | PromotionFailed e) {
      String why = Failures.describe(e);
      if (!state.pointOfNoReturn()) {
        book.end(CutoverStep.PROMOTE, Outcome.FAILED, why);
        throw new AbortSignal(
            AbortSignal.Kind.STEP_FAILED,
            "PROMOTE failed before any promote was accepted: " + why,
            null);
      }
      failureAtPointOfNoReturn = why;
    }
  }

  /** Promotes what is left, holding on failure until the operator retries. */
  void finish(Consumer<String> hold) {
    forward(
        failureAtPointOfNoReturn,
        () -> {
          promotion.resetErrors();
          while (!promotion.done()) {
            promotion.nextBatch(acts.get(), acts.get().policies.promoteBatchSize());
          }
        },
        hold);
    book.end(CutoverStep.PROMOTE, Outcome.OK, topicCount + " topic(s) promoted and STOPPED");
  }

  /** Runs a step after the point of no return: on failure, hold, then run it again. */
  static void forward(Runnable body, Consumer<String> hold) {
    forward(null, body, hold);
  }

  private static void forward(String firstFailure, Runnable body, Consumer<String> hold) {
    String failure = firstFailure;
    while (true) {
      if (failure != null) {
        hold.accept(failure);
      }
      try {
        body.run();
        return;
      } catch (ActivityFailure | PromotionFailed e) {
        failure = Failures.describe(e);
      }
    }
  }
}
