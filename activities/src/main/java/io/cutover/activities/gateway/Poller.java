package io.cutover.activities.gateway;

import io.cutover.activities.support.Backoff;
import io.cutover.workflow.activity.FailureTypes;
import io.cutover.workflow.model.Durations;
import java.time.Duration;

/**
 * A poll loop's clock: a monotonic deadline and an interruptible sleep that never overshoots it.
 * The gateway is polled while clients are fenced (the fence, the switch) or about to be let back
 * (the unfence), so its waits are a {@link Backoff}.
 */
final class Poller {
  private final Duration timeout;
  private final long start = System.nanoTime();
  private final Backoff waits;
  private final GatewayWatch wake;

  Poller(Duration interval, Duration timeout) {
    this(interval, timeout, GatewayWatch.NONE);
  }

  /** A poll that {@code wake} ends early when the gateway's objects change. */
  Poller(Duration interval, Duration timeout, GatewayWatch wake) {
    this.timeout = timeout;
    this.waits = new Backoff(interval);
    this.wake = wake;
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

  /** The next wait: 200 ms, then twice the last, at most half a second (see {@link Backoff}). */
  Duration nextWait() {
    return waits.next();
  }

  /**
   * Sleeps the next wait or until the deadline, whichever comes first; a change the watch sees ends
   * it at once.
   */
  void sleep() {
    long remaining = timeout.minus(elapsed()).toMillis();
    long ms = Math.max(1, Math.min(nextWait().toMillis(), remaining));
    try {
      wake.await(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayException(
          FailureTypes.TRANSIENT, "interrupted while waiting for the gateway", e);
    }
  }
}
