package io.cutover.activities.offsets;

import java.time.Duration;

/** Waits; injectable so tests can act "during" a wait or shorten it. */
@FunctionalInterface
public interface Sleeper {

  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

  /** Sleeps for {@code duration}; interruptible. */
  void sleep(Duration duration) throws InterruptedException;
}
