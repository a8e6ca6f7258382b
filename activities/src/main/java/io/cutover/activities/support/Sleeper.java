package io.cutover.activities.support;

import java.time.Duration;

/** Waiting between polls, replaceable in tests. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
