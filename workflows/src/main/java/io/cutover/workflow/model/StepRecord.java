package io.cutover.workflow.model;

import io.cutover.workflow.CutoverStep;
import java.time.Instant;

/**
 * One step of one attempt, as it ran.
 *
 * @param step the step
 * @param attempt execute attempt number (0 for the init validation)
 * @param startedAt workflow time it began
 * @param endedAt workflow time it ended; null while running
 * @param outcome what happened
 * @param detail the error, or what was observed
 */
public record StepRecord(
    CutoverStep step,
    int attempt,
    Instant startedAt,
    Instant endedAt,
    Outcome outcome,
    String detail) {

  public enum Outcome {
    RUNNING,
    OK,
    SKIPPED,
    FAILED,
    ABORTED,
    HELD
  }

  public long durationMillis() {
    return endedAt == null || startedAt == null
        ? -1
        : endedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
