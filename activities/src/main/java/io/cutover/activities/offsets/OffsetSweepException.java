package io.cutover.activities.offsets;

/**
 * A sweep of end offsets failed. {@link #kind()} says whether retrying can help; the message names
 * the cluster role, what failed and the fix, and never carries a credential.
 */
public final class OffsetSweepException extends RuntimeException {

  /** How the failure should be treated by the activity. */
  public enum Kind {
    /** A topic does not exist on the cluster: the plan or the link must be fixed. */
    NOT_FOUND,
    /** Authentication or authorization failed: the credentials or ACLs must be fixed. */
    UNAUTHORIZED,
    /** The client configuration is unusable (e.g. no resolvable bootstrap server). */
    INVALID,
    /** Timeouts, leadership changes, connection problems: a later sweep may succeed. */
    TRANSIENT
  }

  private final Kind kind;

  public OffsetSweepException(Kind kind, String message) {
    // No cause and no stack of the client exception: its text was already redacted into message.
    super(message, null, false, true);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
