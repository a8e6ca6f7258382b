package io.cutover.activities.gateway;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.Durations;
import java.time.Duration;

/**
 * A poll loop's clock: a monotonic deadline and an interruptible sleep that never overshoots it.
 * The gateway is polled while clients are fenced (the fence, the switch) or about to be let back
 * (the unfence), so the first wait is short and each one doubles up to the interval: an operator
 * that acts in a second is seen acting within a fraction of one (docs/performance.md).
 */
final class Poller {
  static final Duration FIRST_WAIT = Duration.ofMillis(200);

  private final Duration interval;
  private final Duration timeout;
  private final long start = System.nanoTime();
  private Duration next;

  Poller(Duration interval, Duration timeout) {
    this.interval = interval;
    this.timeout = timeout;
    this.next = FIRST_WAIT.compareTo(interval) < 0 ? FIRST_WAIT : interval;
  }

  boolean expired() {
    return elapsed().compareTo(timeout) >= 0;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** "12s" style elapsed time for progress lines. */
  String elapsedText() {
    return Durations.format(Duration.ofSeconds(elapsed().toSeconds()));
  }

  String timeoutText() {
    return Durations.format(timeout);
  }

  /** The next wait: 200 ms, then twice the last, at most the interval. */
  Duration nextWait() {
    Duration wait = next;
    next = next.multipliedBy(2).compareTo(interval) < 0 ? next.multipliedBy(2) : interval;
    return wait;
  }

  /** Sleeps the next wait or until the deadline, whichever comes first. */
  void sleep() {
    long remaining = timeout.minus(elapsed()).toMillis();
    long ms = Math.max(1, Math.min(nextWait().toMillis(), remaining));
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(
          FailureTypes.TRANSIENT, "interrupted while waiting for the gateway", e);
    }
  }
}
