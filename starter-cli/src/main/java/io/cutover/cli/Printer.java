package io.cutover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.LagSnapshot;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.PolicyCatalog;
import io.cutover.workflow.model.RollbackRecord;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.TopicLag;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** How the CLI shows a migration: plain text for people, JSON for scripts. */
final class Printer {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Printer() {}

  static String time(Instant t) {
    return t == null ? "--:--:--" : TIME.format(t);
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String lagLine(LagSnapshot lag) {
    if (lag == null) {
      return "lag: not measured yet";
    }
    StringBuilder sb =
        new StringBuilder("lag: ")
            .append(lag.overThreshold())
            .append('/')
            .append(lag.topicCount())
            .append(" topic(s) over threshold, total ")
            .append(String.format("%,d", lag.totalLag()));
    List<TopicLag> lagging = lag.lagging();
    for (int i = 0; i < Math.min(3, lagging.size()); i++) {
      TopicLag t = lagging.get(i);
      sb.append(i == 0 ? " (" : ", ")
          .append(t.topic())
          .append(' ')
          .append(String.format("%,d", t.lag()));
    }
    if (lagging.size() > 3) {
      sb.append(", ...");
    }
    return lagging.isEmpty() ? sb.toString() : sb.append(')').toString();
  }

  /** Every policy as name=value, in the catalog's order. */
  static String policies(Policies p) {
    return PolicyCatalog.ALL.stream()
        .map(d -> d.name() + "=" + d.format(p))
        .collect(Collectors.joining(" "));
  }

  static void status(PrintWriter out, MigrationStatus s) {
    out.printf("Migration:   %s%n", s.migration());
    out.printf(
        "Step:        %s (attempt %d)%s%s%n",
        s.step(),
        s.attempt(),
        s.held() ? "  HELD" : "",
        s.pointOfNoReturnPassed() ? "  past the point of no return" : "");
    out.printf(
        "Topics:      %d in scope, %d promoted, %d stopped%n",
        s.topicCount(), s.promotedCount(), s.stoppedCount());
    if (s.lag() != null) {
      out.printf(
          "Lag:         %s (measured %s)%n",
          lagLine(s.lag()).substring(5), time(s.lag().measuredAt()));
    }
    if (s.fencedSince() != null) {
      out.printf("Fenced:      since %s%n", time(s.fencedSince()));
    }
    if (s.policies() != null) {
      out.printf("Policies:    %s%n", policies(s.policies()));
    }
    s.approvals()
        .forEach(
            a -> out.printf("Approved:    by %s at %s: %s%n", a.who(), time(a.at()), a.reason()));
    for (RollbackRecord r : s.rollbacks()) {
      out.printf(
          "Rolled back: attempt %d from %s at %s: %s%n",
          r.attempt(), r.fromStep(), time(r.at()), r.cause());
    }
    if (s.offsetHandoff() != null && s.offsetHandoff().allMatched()) {
      out.printf("Offsets:     %s%n", s.offsetHandoff().describe()); // a difference is a notice
    }
    if (s.strandedWrites() != null && s.strandedWrites().watchingUntil() != null) {
      out.printf(
          "Watching:    the source, for stranded writes, until %s (last check %s)%n",
          time(s.strandedWrites().watchingUntil()), time(s.strandedWrites().checkedAt()));
    }
    if (s.lastError() != null) {
      out.printf("Last error:  %s%n", s.lastError());
    }
    out.printf("Next:        %s%n", s.nextAction());
    out.println();
    out.println("  ATTEMPT  STEP                 START     END       DURATION  OUTCOME");
    for (StepRecord r : s.steps()) {
      String dur =
          r.endedAt() == null ? "running" : Durations.format(Duration.ofMillis(r.durationMillis()));
      out.printf(
          "  %-7d  %-19s  %-8s  %-8s  %-8s  %s%s%n",
          r.attempt(),
          r.step(),
          time(r.startedAt()),
          r.endedAt() == null ? "" : time(r.endedAt()),
          dur,
          r.outcome(),
          r.detail() == null || r.outcome() == StepRecord.Outcome.OK
              ? ""
              : ": " + firstLine(r.detail()));
    }
    s.notices().forEach(n -> out.printf("%nNote: %s%n", n));
    out.flush();
  }

  static String firstLine(String s) {
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i) + " ...";
  }
}
