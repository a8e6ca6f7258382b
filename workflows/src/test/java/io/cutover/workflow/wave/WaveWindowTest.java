package io.cutover.workflow.wave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The change window: open inside it, in its zone, on its days, across midnight and DST. */
class WaveWindowTest {
  private final WaveWindow weekendNights =
      new WaveWindow(
          "Europe/Berlin", "22:00", "04:00", List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

  @Test
  void aWindowThatCrossesMidnightIsOpenUntilItsEndOnTheNextDay() {
    // Saturday 2026-12-05 23:30 in Berlin (UTC+1) and Sunday 03:59
    assertTrue(weekendNights.isOpen(Instant.parse("2026-12-05T22:30:00Z")));
    assertTrue(weekendNights.isOpen(Instant.parse("2026-12-06T02:59:00Z")));
    assertFalse(weekendNights.isOpen(Instant.parse("2026-12-06T03:00:00Z")), "04:00 closes it");
    // Monday 01:00 belongs to Sunday's window
    assertTrue(weekendNights.isOpen(Instant.parse("2026-12-07T00:00:00Z")));
    // Friday 23:00: not a window day
    assertFalse(weekendNights.isOpen(Instant.parse("2026-12-04T22:00:00Z")));
  }

  @Test
  void theNextOpeningIsTheStartOfTheNextWindowDayInTheWindowsZone() {
    Instant friday = Instant.parse("2026-12-04T12:00:00Z");
    assertEquals(Instant.parse("2026-12-05T21:00:00Z"), weekendNights.nextOpening(friday));
    Instant inside = Instant.parse("2026-12-05T22:30:00Z");
    assertEquals(inside, weekendNights.nextOpening(inside));
  }

  @Test
  void summerTimeMovesTheOpeningInUtc() {
    WaveWindow daily = new WaveWindow("Europe/Berlin", "22:00", "23:00", List.of());
    assertEquals(
        Instant.parse("2026-07-01T20:00:00Z"),
        daily.nextOpening(Instant.parse("2026-07-01T12:00:00Z")),
        "22:00 CEST is 20:00 UTC");
    assertEquals("22:00-23:00 Europe/Berlin every day", daily.describe());
  }
}
