package io.cutover.workflow.model;

/** What happens when approval does not arrive in time. Neither choice ever proceeds without one. */
public enum ApprovalTimeoutAction {
  /** End the attempt (nothing has been changed yet) and wait for a new execute. */
  ABORT,
  /** Keep waiting for an approval; status reports it as overdue. */
  KEEP_WAITING
}
