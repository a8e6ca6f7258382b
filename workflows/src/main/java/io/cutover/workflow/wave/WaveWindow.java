package io.cutover.workflow.wave;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * A daily change window in a time zone: a group starts only inside it; one not started by its end
 * waits for the next. Times are {@code HH:MM} text so that history reads as the manifest does.
 *
 * @param start when the window opens, in {@code timeZone}
 * @param end when it closes; before {@code start}, the window crosses midnight
 * @param days the days a window opens on (its start's day); empty means every day
 */
public record WaveWindow(String timeZone, String start, String end, List<DayOfWeek> days) {
  public WaveWindow {
    days = days == null || days.isEmpty() ? List.of(DayOfWeek.values()) : List.copyOf(days);
  }

  /** Whether a group may start at {@code now}. */
  public boolean isOpen(Instant now) {
    ZoneId zone = ZoneId.of(timeZone);
    LocalDate today = now.atZone(zone).toLocalDate();
    for (LocalDate d : List.of(today.minusDays(1), today)) {
      if (days.contains(d.getDayOfWeek())) {
        ZonedDateTime open = opening(d, zone);
        if (!now.isBefore(open.toInstant()) && now.isBefore(closing(open).toInstant())) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code now} when the window is open, otherwise when it next opens. */
  public Instant nextOpening(Instant now) {
    if (isOpen(now)) {
      return now;
    }
    ZoneId zone = ZoneId.of(timeZone);
    LocalDate today = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= 7; i++) {
      LocalDate d = today.plusDays(i);
      if (days.contains(d.getDayOfWeek())) {
        Instant open = opening(d, zone).toInstant();
        if (open.isAfter(now)) {
          return open;
        }
      }
    }
    throw new IllegalStateException("a window with days " + days + " never opens");
  }

  /** For status: {@code 22:00-04:00 Europe/Berlin on Sat, Sun}. */
  public String describe() {
    String on =
        days.size() == 7
            ? "every day"
            : "on "
                + String.join(
                    ", ",
                    days.stream()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .toList());
    return start + "-" + end + " " + timeZone + " " + on;
  }

  private ZonedDateTime opening(LocalDate day, ZoneId zone) {
    return ZonedDateTime.of(day, LocalTime.parse(start), zone);
  }

  private ZonedDateTime closing(ZonedDateTime open) {
    LocalTime s = LocalTime.parse(start);
    LocalTime e = LocalTime.parse(end);
    LocalDate closeDay = e.isAfter(s) ? open.toLocalDate() : open.toLocalDate().plusDays(1);
    return ZonedDateTime.of(closeDay, e, open.getZone());
  }
}
