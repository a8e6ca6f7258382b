package io.cutover.workflow;

import io.cutover.workflow.AbortSignal.Kind;
import io.cutover.workflow.model.Durations;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * maxFencedDuration: a timer started with FENCE that aborts the attempt it belongs to unless the
 * point of no return comes first. A workflow timer, so it acts only while a worker runs the
 * workflow (docs/runbook.md, "Recovering a run that ended mid-cutover").
 */
final class FenceBudget {
  private final ControlState state;
  private final Guard guard;
  private CancellationScope timer;

  FenceBudget(ControlState state, Guard guard) {
    this.state = state;
    this.guard = guard;
  }

  void start(Attempt attempt) {
    Duration budget = attempt.policies().maxFencedDuration();
    timer =
        Workflow.newCancellationScope(
            () ->
                Workflow.newTimer(budget)
                    .thenApply(
                        fired -> {
                          if (state.attempt() == attempt) {
                            guard.requestAbort(
                                new AbortSignal(
                                    Kind.FENCE_BUDGET_EXCEEDED,
                                    "clients were fenced for maxFencedDuration ("
                                        + Durations.format(budget)
                                        + ") before PROMOTE began; unfencing automatically",
                                    null));
                          }
                          return null;
                        })
                    .exceptionally(canceled -> null));
    timer.run();
  }

  void cancel() {
    if (timer != null) {
      timer.cancel("fence budget no longer needed");
      timer = null;
    }
  }
}
