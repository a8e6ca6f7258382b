package io.cutover.workflow.wave;

/** Where one group of a wave is, as the wave sees it. */
public enum GroupPhase {
  /** Its workflow runs VALIDATE. */
  VALIDATING,
  /** Validated and resting: the wave starts it when its turn comes. */
  READY,
  /** Validation failed, or the group's workflow refused to start; the wave cannot start it. */
  INVALID,
  /** The wave sent it execute; it is cutting over. */
  RUNNING,
  /** A step after its point of no return failed: it waits for `cutover execute` of the group. */
  HELD,
  /** Cut over: its clients are on the destination. */
  DONE,
  /**
   * Its attempt was rolled back: clients are back on the source. The next wave execute retries it.
   */
  ROLLED_BACK;

  /** Holds one of the wave's concurrency slots. */
  public boolean occupiesSlot() {
    return this == RUNNING || this == HELD;
  }

  /** The wave may start it in this attempt. */
  public boolean startable() {
    return this == READY || this == ROLLED_BACK;
  }
}
