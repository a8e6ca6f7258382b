package io.cutover.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs the attempt's blocking calls in detached scopes, so only the workflow decides what stops
 * them: before the point of no return an abort (rollback, fence budget, cancel) interrupts the wait
 * in progress; after it nothing does, not even a cancel of the whole workflow.
 */
final class Guard {
  private final RunState state;
  private CancellationScope interruptible;
  private AbortSignal abort;

  Guard(RunState state) {
    this.state = state;
  }

  void reset() {
    abort = null;
    state.abortCause = null;
  }

  /**
   * Asks the running attempt to abort and interrupts its current wait. Ignored (returns false) once
   * a promote may have been accepted.
   */
  boolean requestAbort(AbortSignal signal) {
    if (state.pointOfNoReturn || !state.attemptRunning) {
      return false;
    }
    if (abort == null) {
      abort = signal;
      state.abortCause = signal.cause();
    }
    if (interruptible != null) {
      interruptible.cancel(signal.cause());
    }
    return true;
  }

  /**
   * Clears an abort that can no longer be carried out (the point of no return has passed) and
   * returns its cause, so the caller can say so; null when none was pending.
   */
  String dropAbort() {
    String cause = abort == null ? null : abort.cause();
    abort = null;
    state.abortCause = null;
    return cause;
  }

  /** Throws the pending abort, if any and if still allowed. */
  void check() {
    if (pendingAbort()) {
      throw abort;
    }
  }

  /**
   * An abort applies only to the attempt it was raised in, and only before the point of no return:
   * outside an attempt (a reinit's VALIDATE, say) a leftover signal must never surface.
   */
  private boolean pendingAbort() {
    return abort != null && state.attemptRunning && !state.pointOfNoReturn;
  }

  /** A call an abort may interrupt (pre point of no return). */
  <T> T interruptible(Functions.Func<T> call) {
    check();
    Object[] out = new Object[1];
    interruptible = Workflow.newDetachedCancellationScope(() -> out[0] = call.apply());
    try {
      interruptible.run();
    } catch (CanceledFailure | ActivityFailure e) {
      if (pendingAbort()) {
        throw abort;
      }
      throw e;
    } finally {
      interruptible = null;
    }
    check();
    @SuppressWarnings("unchecked")
    T result = (T) out[0];
    return result;
  }

  /** A call nothing interrupts: promote requests, everything after the point of no return, undo. */
  <T> T protect(Functions.Func<T> call) {
    Object[] out = new Object[1];
    Workflow.newDetachedCancellationScope(() -> out[0] = call.apply()).run();
    @SuppressWarnings("unchecked")
    T result = (T) out[0];
    return result;
  }

  /** Waits for a condition; null timeout waits forever. Returns false on timeout. */
  boolean awaitInterruptibly(Duration timeout, Supplier<Boolean> condition) {
    return interruptible(() -> timeout == null ? awaitForever(condition) : Workflow.await(timeout, condition));
  }

  void sleepInterruptibly(Duration d) {
    interruptible(() -> {
      Workflow.sleep(d);
      return null;
    });
  }

  /** Waits, immune to cancellation (holds after the point of no return, incomplete rollbacks). */
  void awaitProtected(Supplier<Boolean> condition) {
    protect(() -> awaitForever(condition));
  }

  private static boolean awaitForever(Supplier<Boolean> condition) {
    Workflow.await(condition);
    return true;
  }
}
