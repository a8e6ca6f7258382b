package io.cutover.workflow;

/**
 * The workflow's control state, with one owner: the phase is explicit (no combination of flags can
 * contradict itself), and every change is a named transition. Update validators, next-action texts
 * and the status book read it; {@link MigrationWorkflowImpl} drives it.
 */
final class ControlState {
  enum Phase {
    /** The initial VALIDATE, or a reinit's. */
    VALIDATING,
    /** AWAIT_EXECUTE or ROLLED_BACK: an execute may start an attempt. */
    IDLE,
    /** An execute was accepted and waits for the main loop. */
    QUEUED,
    /** An attempt goes forward. */
    RUNNING,
    /** A step after the point of no return failed; execute retries it. */
    HELD,
    /** The attempt is being undone. */
    COMPENSATING,
    /** An undo failed; rollback retries it. */
    COMPENSATION_HELD,
    /** Ended: the cutover completed. */
    DONE,
    /** Ended: the initial validation failed. */
    FAILED
  }

  private Phase phase = Phase.VALIDATING;
  private CutoverStep step = CutoverStep.VALIDATE;
  private int attemptsStarted;
  private Attempt attempt;

  // ---- reads ----

  Phase phase() {
    return phase;
  }

  CutoverStep step() {
    return step;
  }

  /** The running attempt's number, or the number of attempts made when none runs. */
  int attemptNumber() {
    return attempt != null ? attempt.number : attemptsStarted;
  }

  /** The running attempt; null when none runs. */
  Attempt attempt() {
    return attempt;
  }

  boolean attemptRunning() {
    return attempt != null;
  }

  boolean idle() {
    return phase == Phase.IDLE;
  }

  /** Between attempts: nothing runs, at most an execute waits to start one. */
  boolean betweenAttempts() {
    return phase == Phase.IDLE || phase == Phase.QUEUED;
  }

  boolean held() {
    return phase == Phase.HELD;
  }

  boolean compensationHeld() {
    return phase == Phase.COMPENSATION_HELD;
  }

  boolean compensating() {
    return phase == Phase.COMPENSATING || phase == Phase.COMPENSATION_HELD;
  }

  boolean pointOfNoReturn() {
    return attempt != null && attempt.pointOfNoReturn();
  }

  boolean promoteInFlight() {
    return attempt != null && attempt.promoteInFlight();
  }

  String abortCause() {
    return attempt == null || attempt.abort() == null ? null : attempt.abort().cause();
  }

  // ---- transitions ----

  /** The step in progress changes (the status book records it). */
  void enter(CutoverStep next) {
    step = next;
  }

  void validating() {
    phase = Phase.VALIDATING;
  }

  /** Comes to rest at AWAIT_EXECUTE, ROLLED_BACK, DONE or FAILED. */
  void rest(CutoverStep at) {
    step = at;
    if (attempt == null) {
      phase =
          switch (at) {
            case DONE -> Phase.DONE;
            case FAILED -> Phase.FAILED;
            default -> Phase.IDLE;
          };
    }
  }

  /** A continued run starts at rest where the previous one stopped. */
  void resume(int attempts, CutoverStep restingAt) {
    attemptsStarted = attempts;
    attempt = null;
    rest(restingAt);
  }

  void queueExecute() {
    phase = Phase.QUEUED;
  }

  Attempt beginAttempt(io.cutover.workflow.model.Policies policies) {
    attemptsStarted++;
    attempt = new Attempt(attemptsStarted, policies);
    phase = Phase.RUNNING;
    return attempt;
  }

  void hold() {
    phase = Phase.HELD;
  }

  void release() {
    phase = Phase.RUNNING;
  }

  void compensate() {
    phase = Phase.COMPENSATING;
  }

  void compensationHeld(boolean heldNow) {
    phase = heldNow ? Phase.COMPENSATION_HELD : Phase.COMPENSATING;
  }

  /** The attempt is over; its decisions and its abort go with it. */
  void endAttempt(CutoverStep restingAt) {
    attempt = null;
    rest(restingAt);
  }
}
