package io.cutover.activities.support;

import java.time.Duration;

/**
 * The waits of a poll that runs while clients are fenced: a short first wait, each next one twice
 * the last, at most {@link #FENCED_CAP} (or the poll interval, if shorter). While clients wait, a
 * condition is seen within half a second of being met; the configured interval governs only the
 * polls that run with clients unaffected (docs/performance.md).
 */
public final class Backoff {
  /** The first wait of every fenced poll. */
  public static final Duration FIRST = Duration.ofMillis(200);

  /**
   * The longest wait of a fenced poll: one read of a CR or of the link's mirror list every half
   * second is far below any API's rate limit, and each second saved is a second clients wait less.
   */
  public static final Duration FENCED_CAP = Duration.ofMillis(500);

  private final Duration cap;
  private Duration next;

  /** Waits from {@link #FIRST} up to the shorter of {@link #FENCED_CAP} and {@code interval}. */
  public Backoff(Duration interval) {
    this.cap = interval.compareTo(FENCED_CAP) < 0 ? interval : FENCED_CAP;
    this.next = FIRST.compareTo(cap) < 0 ? FIRST : cap;
  }

  /** The next wait, and doubles the one after it. */
  public Duration next() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(cap) < 0 ? doubled : cap;
    return wait;
  }
}
