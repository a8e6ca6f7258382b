package io.cutover.activities.support;

import java.time.Duration;

/**
 * The waits of a poll that runs while clients are fenced: a short first wait, each next one twice
 * the last, at most the poll interval. A condition met within a second is seen within a fraction of
 * one, and a slow one is not polled more often than the interval allows (docs/performance.md).
 */
public final class Backoff {
  /** The first wait of every fenced poll. */
  public static final Duration FIRST = Duration.ofMillis(200);

  private final Duration cap;
  private Duration next;

  /** Waits from {@link #FIRST} up to {@code interval} (an interval shorter than that is kept). */
  public Backoff(Duration interval) {
    this.cap = interval;
    this.next = FIRST.compareTo(interval) < 0 ? FIRST : interval;
  }

  /** The next wait, and doubles the one after it. */
  public Duration next() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(cap) < 0 ? doubled : cap;
    return wait;
  }
}
