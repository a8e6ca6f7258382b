package io.cutover.activities.gateway;

import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.Durations;
import java.time.Duration;

/** A poll loop's clock: a monotonic deadline and an interruptible sleep that never overshoots it. */
final class Poller {
  private final Duration interval;
  private final Duration timeout;
  private final long start = System.nanoTime();

  Poller(Duration interval, Duration timeout) {
    this.interval = interval;
    this.timeout = timeout;
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

  /** Sleeps one interval or until the deadline, whichever comes first. */
  void sleep() {
    long remaining = timeout.minus(elapsed()).toMillis();
    long ms = Math.max(1, Math.min(interval.toMillis(), remaining));
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(FailureTypes.TRANSIENT, "interrupted while waiting for the gateway", e);
    }
  }
}
