package io.cutover.cli;

/** Exit codes scripts can rely on; listed in every command's help. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done: the command did what it was asked (execute: the cutover reached DONE). */
  public static final int OK = 0;

  /**
   * Refused or failed: invalid manifest, validation problems, an Update refused, a rollback, a
   * hold.
   */
  public static final int FAILED = 1;

  /** Bad arguments (picocli's usage error code). */
  public static final int USAGE = 2;

  /** Temporal could not be reached. */
  public static final int UNREACHABLE = 3;

  /** No such migration. */
  public static final int NOT_FOUND = 4;

  /** Stopped following before the cutover ended (timeout); nothing was stopped. */
  public static final int DETACHED = 5;

  /**
   * execute: the cutover reached DONE, but records were written to the source after their mirror
   * stopped (stranded writes; status and the run report list them).
   */
  public static final int STRANDED = 6;

  public static final String HELP =
      "%nExit codes: 0 done, 1 refused or failed (see the message), 2 bad arguments,"
          + "%n  3 Temporal unreachable, 4 no such migration, 5 stopped following (it goes on),"
          + "%n  6 done, but records were written to the source after their mirror stopped."
          + "%nUnexpected failures print one line; add --verbose to see the stack trace.";
}
