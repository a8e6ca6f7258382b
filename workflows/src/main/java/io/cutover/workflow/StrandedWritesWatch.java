package io.cutover.workflow;

import io.cutover.workflow.activity.OffsetActivities.RecheckRequest;
import io.cutover.workflow.activity.Targets;
import io.cutover.workflow.model.Durations;
import io.cutover.workflow.model.MirrorStops;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.StrandedWrites;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * After DONE the source is still watched, for {@code strandedWritesWatchDuration}: a producer that
 * bypasses the gateway may stay quiet through PROMOTE and write later, and those records never
 * reach the destination (docs/architecture.md, "Stranded writes"). Each check compares the source
 * with where the mirrors stopped, recorded at the end of PROMOTE; every finding replaces the last
 * in status, the run report and the Web UI. The number of checks is bounded, so the history is.
 */
final class StrandedWritesWatch {
  /**
   * The change id of {@link Workflow#getVersion}: decided before the end-of-PROMOTE check, which
   * records the stops only for a run that will watch (docs/architecture.md, "Determinism").
   */
  static final String CHANGE_ID = "stranded-writes-watch";

  /** The shortest pause between two checks. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

  /** A longer watch checks this many times, so the history stays bounded. */
  static final int MAX_CHECKS = 40;

  private final CutoverSteps steps;
  private final StatusBook book;
  private StrandedWrites fromPromote;

  StrandedWritesWatch(CutoverSteps steps, StatusBook book) {
    this.steps = steps;
    this.book = book;
  }

  /** Whether this run records the stops and watches after DONE. */
  static boolean enabled() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** What the end-of-PROMOTE check found, with the record of the stops the watch starts from. */
  void startsFrom(StrandedWrites found) {
    fromPromote = found;
  }

  /**
   * Watches until {@code strandedWritesWatchDuration} after now (at DONE); once when it is 0. A run
   * without a record of the stops (started before the watch, or its check could not record them,
   * which PROMOTE noted) is not watched. A cancel ends the watch early, and says so.
   */
  void run(Policies policies) {
    if (fromPromote == null || fromPromote.stops() == null || !fromPromote.stops().recorded()) {
      return;
    }
    MirrorStops stops = fromPromote.stops();
    Duration length = policies.strandedWritesWatchDuration();
    Instant until = StatusBook.now().plus(length);
    Duration every = max(MIN_INTERVAL, length.dividedBy(MAX_CHECKS));
    StrandedWrites last = fromPromote.watching(until);
    book.stranded(last);
    String ended = "";
    try {
      while (true) {
        last = recheck(stops, last, until);
        Duration left = Duration.between(StatusBook.now(), until);
        if (last == null || left.isNegative() || left.isZero()) {
          break;
        }
        Workflow.sleep(min(every, left));
      }
    } catch (CanceledFailure c) {
      ended = " (ended early: the workflow was cancelled)";
    }
    StrandedWrites seen = last == null ? book.strandedWrites() : last;
    book.stranded(seen.watching(null));
    book.note(
        "Watched the source for stranded writes "
            + (length.isZero()
                ? "once, at DONE"
                : "for " + Durations.format(length) + " after DONE")
            + ended
            + ": "
            + (seen.any()
                ? seen.records()
                    + " record(s) on "
                    + seen.partitions()
                    + " partition(s) stranded, listed under Stranded writes"
                : seen.describe()));
  }

  /** The next finding; null when the watch cannot go on (noted). */
  private StrandedWrites recheck(MirrorStops stops, StrandedWrites last, Instant until) {
    Targets.Kafka source = Targets.Kafka.source(steps.plan);
    Targets.Kafka destination = Targets.Kafka.destination(steps.plan);
    StrandedWrites now;
    try {
      now =
          steps
              .acts
              .strandedWatch
              .recheckStrandedWrites(new RecheckRequest(source, destination, stops))
              .withStops(stops)
              .watching(until);
    } catch (ActivityFailure f) {
      if (f.getCause() instanceof CanceledFailure c) {
        throw c;
      }
      boolean lost =
          f.getCause() instanceof ApplicationFailure af && "MirrorStopsLost".equals(af.getType());
      book.note(
          "A check for stranded writes after DONE could not run ("
              + Failures.describe(f)
              + (lost
                  ? "); the watch stops: watch the source's end offsets by hand (kafka-get-offsets)"
                  : "); the next check tries again"));
      return lost ? null : last;
    }
    if (now.records() != last.records()) {
      Workflow.getLogger(MigrationWorkflowImpl.class)
          .warn("Stranded writes after DONE: {}", now.describe());
    }
    book.stranded(now);
    return now;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
