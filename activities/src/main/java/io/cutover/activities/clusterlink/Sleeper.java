package io.cutover.activities.clusterlink;

import java.time.Duration;

/** Waits; injectable so tests need not sleep for real. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
