package io.cutover.workflow;

/**
 * The steps of a migration group's cutover, in order. This enum is the single source of truth for
 * the workflow, the {@code CutoverStep} search attribute, {@code status} and the run report.
 */
public enum CutoverStep {
  VALIDATE("validating the plan against the live systems"),
  AWAIT_EXECUTE("waiting for the execute command"),
  WAIT_FOR_LAG("waiting for mirror lag to fall to the threshold"),
  AWAIT_APPROVAL("waiting for a human approval"),
  FENCE("fencing the gateway routes"),
  PAUSE_OFFSET_SYNC("pausing consumer offset sync on the cluster link"),
  VERIFY_FENCE("checking that no producer bypasses the gateway"),
  PROMOTE("promoting the mirror topics"),
  SWITCH("switching the gateway route to the destination"),
  RESTORE_OFFSET_SYNC("restoring the consumer offset sync configuration"),
  DONE("cutover complete"),
  /** Compensated (traffic back on the source); waits for a new execute. */
  ROLLED_BACK("rolled back; waiting for a new execute"),
  /** Validation never passed; the workflow has ended. */
  FAILED("validation failed; nothing was changed");

  private final String description;

  CutoverStep(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Steps that belong to the forward sequence of one execute attempt, VALIDATE to DONE. */
  public boolean isForward() {
    return ordinal() <= DONE.ordinal() && this != AWAIT_EXECUTE;
  }

  /** Later in the step table than {@code other} (the table's order is this enum's order). */
  public boolean comesAfter(CutoverStep other) {
    return ordinal() > other.ordinal();
  }
}
