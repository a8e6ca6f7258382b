package io.cutover.activities.support;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static List<Long> waits(Duration interval, int n) {
    Backoff b = new Backoff(interval);
    return Stream.generate(b::next).limit(n).map(Duration::toMillis).toList();
  }

  @Test
  void aFencedPollStartsShortAndNeverWaitsLongerThanHalfASecond() {
    assertEquals(List.of(200L, 400L, 500L, 500L, 500L), waits(Duration.ofSeconds(5), 5));
  }

  @Test
  void aShorterIntervalIsKept() {
    assertEquals(List.of(100L, 100L, 100L), waits(Duration.ofMillis(100), 3));
    assertEquals(List.of(200L, 300L, 300L), waits(Duration.ofMillis(300), 3));
  }
}
