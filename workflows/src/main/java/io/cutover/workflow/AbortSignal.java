package io.cutover.workflow;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.StepRecord;

/**
 * Ends the forward part of an attempt before the point of no return; the attempt then compensates.
 * Internal to the workflow: always caught, never leaves {@code run}.
 */
final class AbortSignal extends RuntimeException {
  enum Kind {
    STEP_FAILED,
    ROLLBACK_REQUESTED,
    FENCE_BUDGET_EXCEEDED,
    UNROUTED_PRODUCERS,
    APPROVAL_TIMEOUT,
    WORKFLOW_CANCELLED
  }

  final Kind kind;
  final Actor requestedBy;

  AbortSignal(Kind kind, String cause, Actor requestedBy) {
    super(cause, null, false, false);
    this.kind = kind;
    this.requestedBy = requestedBy;
  }

  String cause() {
    return getMessage();
  }

  /** How the interrupted step is recorded: a failed check, or an abort from outside. */
  StepRecord.Outcome outcome() {
    return kind == Kind.STEP_FAILED || kind == Kind.UNROUTED_PRODUCERS
        ? StepRecord.Outcome.FAILED
        : StepRecord.Outcome.ABORTED;
  }
}
