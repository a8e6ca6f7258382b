package io.cutover.workflow;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;

/**
 * Runs Update handlers so that a bug fails the one Update, never the workflow task: an exception
 * that is not a Temporal failure would otherwise fail the task on every replay and brick the run
 * (docs/architecture.md, "Updates").
 */
public final class Handlers {
  /** The failure type of an Update that hit an unexpected exception. */
  static final String UPDATE_FAILED = "UpdateFailed";

  private Handlers() {}

  public static <T> T guarded(String update, Functions.Func<T> body) {
    try {
      return body.apply();
    } catch (TemporalFailure f) {
      throw f;
    } catch (RuntimeException e) {
      Workflow.getLogger(MigrationWorkflowImpl.class)
          .error("Update {} failed unexpectedly", update, e);
      throw ApplicationFailure.newNonRetryableFailure(
          update
              + " failed unexpectedly ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "). The workflow keeps running in the state"
              + " `cutover status` shows; this is a bug in Cutover, please report it with that status.",
          UPDATE_FAILED);
    }
  }
}
