package io.cutover.demo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The activity list of a fenced window: one line per call, and the sum of what sits between. */
class ActivityTimelineTest {
  @Test
  void eachCallIsALineAndTheGapsAndPickupsAreSummed() {
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    ActivityTimeline timeline =
        new ActivityTimeline(
            t,
            List.of(
                new ActivityTimeline.Call(
                    "FenceRoutes",
                    t.plusMillis(20),
                    Duration.ofMillis(20),
                    Duration.ofMillis(5),
                    Duration.ofMillis(900)),
                new ActivityTimeline.Call(
                    "PromoteMirrors",
                    t.plusMillis(990),
                    Duration.ofMillis(65),
                    Duration.ofMillis(7),
                    Duration.ofMillis(300))));
    List<String> lines = timeline.text().lines().toList();
    assertEquals(4, lines.size(), timeline.text());
    assertEquals(
        List.of("990", "PromoteMirrors", "65", "7", "300"),
        List.of(lines.get(2).trim().split("\\s+")));
    assertEquals("total gaps 85 ms, pickups 12 ms", lines.get(3));
  }
}
