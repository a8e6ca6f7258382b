package io.cutover.workflow;

import com.uber.m3.tally.Scope;
import io.cutover.workflow.model.StepRecord.Outcome;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Cutover's own metrics, beside the SDK's, emitted from the workflow's metrics scope, which is
 * replay-safe: a replayed workflow task emits nothing again (docs/runbook.md, "Metrics"). The scope
 * carries the SDK's tags (namespace, task_queue, workflow_type); names are prefixed {@code
 * cutover_}, and the worker's Prometheus endpoint adds the unit suffixes.
 */
public final class CutoverMetrics {
  static final String STEPS_STARTED = "cutover_steps_started";
  static final String STEP_DURATION = "cutover_step_duration";
  static final String FENCED_WINDOW = "cutover_fenced_window";
  static final String TOPICS_PROMOTED = "cutover_topics_promoted";
  static final String COMPENSATIONS = "cutover_compensations";
  static final String ROLLBACKS = "cutover_rollbacks";
  static final String HOLDS = "cutover_holds";

  /**
   * Gauge: the ordinal of the step a migration is at ({@link CutoverStep}), tagged with the
   * migration.
   */
  static final String CURRENT_STEP = "cutover_current_step";

  public static final List<String> NAMES =
      List.of(
          STEPS_STARTED,
          STEP_DURATION,
          FENCED_WINDOW,
          TOPICS_PROMOTED,
          COMPENSATIONS,
          ROLLBACKS,
          HOLDS,
          CURRENT_STEP);

  private CutoverMetrics() {}

  private static Scope scope() {
    return Workflow.getMetricsScope();
  }

  static void stepStarted(String migration, CutoverStep step) {
    scope().tagged(Map.of("step", step.name())).counter(STEPS_STARTED).inc(1);
    at(migration, step);
  }

  static void stepEnded(CutoverStep step, Outcome outcome, Duration took) {
    scope()
        .tagged(Map.of("step", step.name(), "outcome", outcome.name()))
        .timer(STEP_DURATION)
        .record(com.uber.m3.util.Duration.ofMillis((double) took.toMillis()));
  }

  static void at(String migration, CutoverStep step) {
    scope().tagged(Map.of("migration", migration)).gauge(CURRENT_STEP).update(step.ordinal());
  }

  /** The time clients were fenced, FENCE to SWITCH, of a completed cutover. */
  static void fencedWindow(Duration fenced) {
    scope()
        .timer(FENCED_WINDOW)
        .record(com.uber.m3.util.Duration.ofMillis((double) fenced.toMillis()));
  }

  static void promoted(int topics) {
    if (topics > 0) {
      scope().counter(TOPICS_PROMOTED).inc(topics);
    }
  }

  static void compensation(boolean ok) {
    scope().tagged(Map.of("outcome", ok ? "OK" : "FAILED")).counter(COMPENSATIONS).inc(1);
  }

  static void rolledBack(CutoverStep from) {
    scope().tagged(Map.of("step", from.name())).counter(ROLLBACKS).inc(1);
  }

  static void held(CutoverStep at) {
    scope().tagged(Map.of("step", at.name())).counter(HOLDS).inc(1);
  }
}
