package io.cutover.workflow.model;

import java.time.Duration;

/** Human-readable durations ("1h2m3s", "250ms") for messages and status. */
public final class Durations {
  private Durations() {}

  public static String format(Duration d) {
    if (d == null) {
      return "-";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + "ms";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0 || ms > 0) {
      sb.append(s);
      if (ms > 0 && h == 0 && m == 0) {
        sb.append('.')
            .append(String.format(java.util.Locale.ROOT, "%03d", ms).replaceAll("0+$", ""));
      }
      sb.append('s');
    }
    return sb.toString();
  }
}
