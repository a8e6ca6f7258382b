package io.cutover.workflow;

/** The workflow's control state that Update validators and next-action texts read. */
final class RunState {
  CutoverStep step = CutoverStep.VALIDATE;
  /** Execute attempts started; 0 until the first execute. */
  int attempt;
  /** An execute attempt is between VALIDATE and DONE/ROLLED_BACK. */
  boolean attemptRunning;
  /** An accepted execute waits for the main loop to pick it up. */
  boolean executePending;
  /** A reinit (or the initial validation) is running. */
  boolean validating;
  /** A step after the point of no return failed and waits for execute. */
  boolean held;
  /** A rollback could not complete and waits for rollback to be retried. */
  boolean compensationHeld;
  /** The compensation of the current attempt is running. */
  boolean compensating;
  /** A promote request has been sent and its answer is not in yet. */
  boolean promoteInFlight;
  /** A promote was accepted: no way back to the source. */
  boolean pointOfNoReturn;
  /** Why the current attempt is being aborted; null if it is not. */
  String abortCause;

  boolean idle() {
    return !attemptRunning && !validating && !executePending
        && (step == CutoverStep.AWAIT_EXECUTE || step == CutoverStep.ROLLED_BACK);
  }
}
