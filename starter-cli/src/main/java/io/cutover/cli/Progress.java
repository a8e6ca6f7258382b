package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.StrandedWrites;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Prints what changed since the last status, each line under the step it belongs to: a step's
 * start, what happens inside it (lag readings in WAIT_FOR_LAG, promotion counts in PROMOTE), then
 * its end. Only attempts from {@code fromAttempt} on: an execute follows its own attempt, not
 * init's.
 */
public final class Progress {
  private final PrintWriter out;
  private final int fromAttempt;
  // Keyed by attempt, step and start: a continue-as-new drops old records, so list positions move.
  private final Set<String> started = new HashSet<>();
  private final Set<String> ended = new HashSet<>();
  private String lastLag;
  private String lastPromotion;
  private String lastError;
  private long lastLagAt;
  private boolean watchShown;
  private long lastStranded;

  public Progress(PrintWriter out, int fromAttempt) {
    this.out = out;
    this.fromAttempt = fromAttempt;
  }

  public void show(MigrationStatus s) {
    for (StepRecord r : s.steps()) {
      if (r.attempt() < fromAttempt) {
        continue;
      }
      String key = r.attempt() + " " + r.step() + " " + r.startedAt();
      if (started.add(key)) {
        out.printf("%s ▶ %s: %s%n", Printer.time(r.startedAt()), r.step(), label(r));
      }
      boolean endsNow = r.endedAt() != null && !ended.contains(key);
      if (r.step() == CutoverStep.WAIT_FOR_LAG
          && r.endedAt() == null
          && s.step() == CutoverStep.WAIT_FOR_LAG) {
        lag(s);
      }
      if (r.step() == CutoverStep.PROMOTE && (r.endedAt() == null || endsNow)) {
        promotion(s);
      }
      if (endsNow) {
        ended.add(key);
        end(r);
      }
    }
    watch(s);
    if (s.lastError() != null && !Objects.equals(s.lastError(), lastError)) {
      out.printf("%s   ⚠ %s%n", Printer.time(Instant.now()), s.lastError());
    }
    lastError = s.lastError();
    out.flush();
  }

  /**
   * What the step does; the VALIDATE of an execute says it is the re-validation every execute does.
   */
  static String label(StepRecord r) {
    if (r.step() == CutoverStep.VALIDATE && r.attempt() > 0) {
      return "re-validating the plan against the live systems (every execute does, before it changes anything)";
    }
    return r.step().description();
  }

  private void end(StepRecord r) {
    String detail = r.detail();
    if (r.step() == CutoverStep.AWAIT_EXECUTE) {
      return; // its detail repeats the VALIDATE result printed just above
    }
    if (detail == null
        && r.step() == CutoverStep.WAIT_FOR_LAG
        && r.outcome() == StepRecord.Outcome.OK) {
      detail = "lag is at or below the threshold on every topic";
    }
    if (detail != null) {
      out.printf(
          "%s   %s %s: %s%n",
          Printer.time(r.endedAt()), symbol(r.outcome()), r.outcome(), Printer.firstLine(detail));
    }
  }

  /**
   * The live reading, while the wait lasts; throttled, because a lag wait is polled twice a second.
   */
  private void lag(MigrationStatus s) {
    String lag = Printer.lagLine(s.lag());
    long now = System.currentTimeMillis();
    if (s.lag() != null && !lag.equals(lastLag) && now - lastLagAt > 2000) {
      out.printf("%s   ↳ %s%n", Printer.time(Instant.now()), lag);
      lastLag = lag;
      lastLagAt = now;
    }
  }

  /**
   * After DONE, while the source is still watched: once, what is watched and until when; then every
   * change in what was found (docs/runbook.md, "Stranded writes").
   */
  private void watch(MigrationStatus s) {
    StrandedWrites w = s.strandedWrites();
    if (s.step() != CutoverStep.DONE || w == null || s.attempt() < fromAttempt) {
      return;
    }
    if (w.watchingUntil() != null && !watchShown) {
      watchShown = true;
      out.printf(
          "%s   ↳ clients are on the destination; the source is watched for stranded writes until"
              + " %s (strandedWritesWatchDuration). Ctrl-C stops following, not the watch.%n",
          Printer.time(Instant.now()), Printer.time(w.watchingUntil()));
    }
    if (w.records() != lastStranded) {
      out.printf(
          "%s   ⚠ stranded writes so far: %d record(s) on %d partition(s)%n",
          Printer.time(w.checkedAt()), w.records(), w.partitions());
      lastStranded = w.records();
    }
  }

  private void promotion(MigrationStatus s) {
    if (s.promotedCount() == 0) {
      return;
    }
    String promotion =
        "promoted " + s.promotedCount() + "/" + s.topicCount() + ", STOPPED " + s.stoppedCount();
    if (!promotion.equals(lastPromotion)) {
      out.printf("%s   ↳ %s%n", Printer.time(Instant.now()), promotion);
      lastPromotion = promotion;
    }
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
