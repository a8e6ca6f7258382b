package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.StepRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Prints what changed since the last status: new steps, their ends, lag and promotion progress. */
final class Progress {
  private final PrintWriter out;
  private final Set<Integer> started = new HashSet<>();
  private final Set<Integer> ended = new HashSet<>();
  private String lastLag;
  private String lastPromotion;
  private String lastError;
  private long lastLagAt;

  Progress(PrintWriter out) {
    this.out = out;
  }

  void show(MigrationStatus s) {
    for (int i = 0; i < s.steps().size(); i++) {
      StepRecord r = s.steps().get(i);
      if (started.add(i)) {
        out.printf("%s ▶ %s: %s%n", Printer.time(r.startedAt()), r.step(), r.step().description());
      }
      if (r.endedAt() != null && ended.add(i) && r.detail() != null) {
        out.printf("%s   %s %s: %s%n", Printer.time(r.endedAt()), symbol(r.outcome()), r.outcome(),
            Printer.firstLine(r.detail()));
      }
    }
    String lag = Printer.lagLine(s.lag());
    long now = System.currentTimeMillis();
    if (s.lag() != null && !lag.equals(lastLag) && now - lastLagAt > 2000) {
      out.printf("%s   ↳ %s%n", Printer.time(Instant.now()), lag);
      lastLag = lag;
      lastLagAt = now;
    }
    String promotion = s.promotedCount() == 0 ? null
        : "promoted " + s.promotedCount() + "/" + s.topicCount() + ", STOPPED " + s.stoppedCount();
    if (promotion != null && !promotion.equals(lastPromotion)) {
      out.printf("%s   ↳ %s%n", Printer.time(Instant.now()), promotion);
      lastPromotion = promotion;
    }
    if (s.lastError() != null && !Objects.equals(s.lastError(), lastError)) {
      out.printf("%s   ⚠ %s%n", Printer.time(Instant.now()), s.lastError());
    }
    lastError = s.lastError();
    out.flush();
  }

  private static String symbol(StepRecord.Outcome o) {
    return switch (o) {
      case OK -> "✔";
      case SKIPPED -> "–";
      case HELD -> "⏸";
      default -> "✖";
    };
  }
}
