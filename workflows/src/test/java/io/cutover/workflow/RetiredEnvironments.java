package io.cutover.workflow;

import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends a test's Temporal test environment without waiting for its workers to finish shutting down.
 *
 * <p>{@link TestWorkflowEnvironment#close()} waits until the worker factory has terminated, and the
 * SDK checks for that every 250 ms: 250 to 750 ms per test, most of a fast scenario's time. A test
 * retires its environment instead: its workers are told to stop at once (nothing of the test runs
 * after it), and the class closes every retired environment when all its tests are done, by which
 * time their workers have long stopped. Each test still gets a fresh in-memory server of its own.
 */
public final class RetiredEnvironments {
  private final List<TestWorkflowEnvironment> retired = new ArrayList<>();

  /** Stops {@code env}'s workers now and closes it in {@link #closeAll()}. */
  public synchronized void retire(TestWorkflowEnvironment env) {
    env.getWorkerFactory().shutdownNow();
    retired.add(env);
  }

  /** Closes every retired environment; call once the class's tests are done. */
  public synchronized void closeAll() {
    retired.forEach(TestWorkflowEnvironment::close);
    retired.clear();
  }
}
