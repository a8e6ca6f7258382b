package io.cutover.activities.gateway;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollerTest {
  @Test
  void theFirstWaitIsShortAndEachDoublesUpToHalfASecond() {
    Poller p = new Poller(Duration.ofSeconds(2), Duration.ofMinutes(1));
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      waits.add(p.nextWait());
    }
    assertEquals(
        List.of(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(500)),
        waits);
  }

  @Test
  void anIntervalShorterThanTheFirstWaitIsKept() {
    Poller p = new Poller(Duration.ofMillis(50), Duration.ofMinutes(1));
    assertEquals(Duration.ofMillis(50), p.nextWait());
    assertEquals(Duration.ofMillis(50), p.nextWait());
  }
}
