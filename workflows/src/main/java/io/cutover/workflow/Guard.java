package io.cutover.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the attempt's blocking calls in detached scopes, so only the workflow decides what stops
 * them: before the point of no return an abort (rollback, fence budget, cancel) interrupts the wait
 * in progress; after it nothing does, not even a cancel of the whole workflow. An abort is stored
 * on the attempt it was raised in, so it can never reach a later attempt or a reinit.
 */
final class Guard {
  private final ControlState state;
  private CancellationScope interruptible;
  private final List<CancellationScope> alongside = new ArrayList<>();

  Guard(ControlState state) {
    this.state = state;
  }

  /**
   * Asks the running attempt to abort and interrupts its current wait. Ignored (returns false) when
   * no attempt runs or once a promote may have been accepted.
   */
  boolean requestAbort(AbortSignal signal) {
    Attempt a = state.attempt();
    if (a == null || a.pointOfNoReturn()) {
      return false;
    }
    a.abort(signal);
    if (interruptible != null) {
      interruptible.cancel(signal.cause());
    }
    cancelAlongside(signal.cause());
    return true;
  }

  /**
   * Starts a call that runs alongside the attempt's next steps (pre point of no return). An abort
   * cancels it as it interrupts the wait in progress; wait for its result with {@link
   * #interruptible}{@code (promise::get)}.
   */
  <T> Promise<T> startInterruptible(Functions.Func<Promise<T>> start) {
    check();
    List<Promise<T>> out = new ArrayList<>(1);
    CancellationScope scope = Workflow.newDetachedCancellationScope(() -> out.add(start.apply()));
    scope.run();
    alongside.add(scope);
    return out.get(0);
  }

  /**
   * Cancels every call started with {@link #startInterruptible} that is still running: an attempt
   * that aborts for any reason leaves nothing of its own behind.
   */
  void cancelAlongside(String why) {
    alongside.forEach(s -> s.cancel(why));
    alongside.clear();
  }

  /** Throws the pending abort, if any and if still allowed. */
  void check() {
    AbortSignal pending = pendingAbort();
    if (pending != null) {
      throw pending;
    }
  }

  private AbortSignal pendingAbort() {
    Attempt a = state.attempt();
    return a == null || a.pointOfNoReturn() ? null : a.abort();
  }

  /** A call an abort may interrupt (pre point of no return). */
  <T> T interruptible(Functions.Func<T> call) {
    check();
    Object[] out = new Object[1];
    interruptible = Workflow.newDetachedCancellationScope(() -> out[0] = call.apply());
    try {
      interruptible.run();
    } catch (CanceledFailure | ActivityFailure e) {
      AbortSignal pending = pendingAbort();
      if (pending != null) {
        throw pending;
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

  /**
   * Waits for a condition; null timeout waits forever. Returns false on timeout. The wait runs in
   * its own scope, cancelled afterwards, so its timer does not outlive it (SDK 1.38 leaves a {@code
   * Workflow.await} timer pending once the condition is met).
   */
  boolean awaitInterruptibly(Duration timeout, Supplier<Boolean> condition) {
    return interruptible(
        () -> {
          if (timeout == null) {
            return awaitForever(condition);
          }
          boolean[] met = new boolean[1];
          CancellationScope wait =
              Workflow.newCancellationScope(() -> met[0] = Workflow.await(timeout, condition));
          wait.run();
          wait.cancel("condition met");
          return met[0];
        });
  }

  void sleepInterruptibly(Duration d) {
    interruptible(
        () -> {
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
