package io.cutover.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @Test
  void parsesGoStyleDurations() {
    assertEquals(Duration.ofSeconds(90), GoDuration.parse("90s"));
    assertEquals(Duration.ofMinutes(10), GoDuration.parse("10m"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
    assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
    assertEquals(Duration.ofMinutes(90), GoDuration.parse("1.5h"));
    assertEquals(Duration.ofNanos(1_500), GoDuration.parse("1us500ns"));
    assertEquals(Duration.ofNanos(2_000), GoDuration.parse("2µs"));
    assertEquals(Duration.ofSeconds(-5), GoDuration.parse("-5s"));
    assertEquals(Duration.ZERO, GoDuration.parse("0"));
    assertEquals(Duration.ofMillis(3_723_004), GoDuration.parse("1h2m3s4ms"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "10 minutes", "m", "1d", "1h 30m", "s10", ".s", "1.2.3s"})
  void rejectsAnythingElseWithAnExample(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    assertTrue(e.getMessage().contains("such as 90s"), e.getMessage());
  }
}
