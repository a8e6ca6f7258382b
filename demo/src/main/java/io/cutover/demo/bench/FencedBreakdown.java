package io.cutover.demo.bench;

import io.cutover.sandbox.kube.AppliedGenerations.Applied;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Where the fenced window of one cutover went (docs/performance.md): per fenced step its wall time,
 * the external time (from the step's start to the moment the sandbox observed the condition the
 * step waits for) and the overhead (the rest: what Cutover itself adds). A step whose condition was
 * never observed counts whole as overhead, so the overhead is never understated.
 *
 * @param steps the fenced steps of the completing attempt, in order
 * @param from start of FENCE
 * @param to end of SWITCH
 */
public record FencedBreakdown(List<Part> steps, Instant from, Instant to) {

  /** Steps between FENCE's start and SWITCH's end, in the step table's order. */
  static final List<CutoverStep> FENCED =
      List.of(
          CutoverStep.FENCE,
          CutoverStep.PAUSE_OFFSET_SYNC,
          CutoverStep.VERIFY_FENCE,
          CutoverStep.PROMOTE,
          CutoverStep.SWITCH);

  /**
   * One fenced step.
   *
   * @param external when the sandbox observed what the step waits for, within [start, end]; null
   *     when never observed
   * @param cause what the external time is (for the table)
   */
  public record Part(CutoverStep step, Instant start, Instant end, Instant external, String cause) {
    public long wallMs() {
      return Duration.between(start, end).toMillis();
    }

    public long externalMs() {
      return external == null ? 0 : Duration.between(start, external).toMillis();
    }

    public long overheadMs() {
      return wallMs() - externalMs();
    }
  }

  public long fencedMs() {
    return Duration.between(from, to).toMillis();
  }

  /**
   * The window minus the time covered by some step's external wait: overheads and the gaps between
   * steps. Waits that overlap (the unrouted-producer window runs alongside the offset-sync drain)
   * count once.
   */
  public long overheadMs() {
    List<Part> waits =
        steps.stream()
            .filter(p -> p.external() != null)
            .sorted(Comparator.comparing(Part::start))
            .toList();
    long covered = 0;
    Instant reached = from;
    for (Part p : waits) {
      Instant s = p.start().isAfter(reached) ? p.start() : reached;
      if (p.external().isAfter(s)) {
        covered += Duration.between(s, p.external()).toMillis();
        reached = p.external();
      }
    }
    return fencedMs() - covered;
  }

  public long wallMs(CutoverStep step) {
    return steps.stream().filter(p -> p.step() == step).mapToLong(Part::wallMs).sum();
  }

  public long externalMs(CutoverStep step) {
    return steps.stream().filter(p -> p.step() == step).mapToLong(Part::externalMs).sum();
  }

  /** The gateway's own time: the operator applying and rolling out the fence and the switch. */
  public long rolloutMs() {
    return externalMs(CutoverStep.FENCE) + externalMs(CutoverStep.SWITCH);
  }

  /**
   * The breakdown of {@code end}'s attempt.
   *
   * @param generations the operator's applied generations
   * @param stoppedAt when each of the group's mirrors reached STOPPED
   * @param verify the unrouted-producer window the attempt ran with
   * @param drain the offset-sync drain it ran with
   * @throws IllegalArgumentException when the attempt has no completed FENCE and SWITCH
   */
  public static FencedBreakdown of(
      MigrationStatus end,
      Collection<Applied> generations,
      Collection<Instant> stoppedAt,
      Duration verify,
      Duration drain) {
    List<Part> parts = new ArrayList<>();
    for (CutoverStep step : FENCED) {
      StepRecord r = record(end, step);
      if (r == null || r.endedAt() == null || r.outcome() == StepRecord.Outcome.SKIPPED) {
        continue;
      }
      Instant s = r.startedAt();
      Instant e = r.endedAt();
      switch (step) {
        case FENCE, SWITCH ->
            parts.add(new Part(step, s, e, rolledOut(generations, s, e), "operator rollout"));
        case PAUSE_OFFSET_SYNC ->
            parts.add(new Part(step, s, e, clamp(s.plus(drain), s, e), "offset-sync drain"));
        case VERIFY_FENCE ->
            parts.add(
                new Part(step, s, e, clamp(s.plus(verify), s, e), "unrouted-producer window"));
        case PROMOTE ->
            parts.add(new Part(step, s, e, latest(stoppedAt, s, e), "last mirror STOPPED"));
        default -> throw new IllegalStateException(step + " is not fenced");
      }
    }
    if (parts.isEmpty()
        || parts.get(0).step() != CutoverStep.FENCE
        || parts.get(parts.size() - 1).step() != CutoverStep.SWITCH) {
      throw new IllegalArgumentException(
          "attempt "
              + end.attempt()
              + " has no completed FENCE and SWITCH; it ended "
              + end.step()
              + (end.lastError() == null ? "" : ": " + end.lastError()));
    }
    return new FencedBreakdown(parts, parts.get(0).start(), parts.get(parts.size() - 1).end());
  }

  private static StepRecord record(MigrationStatus s, CutoverStep step) {
    StepRecord found = null;
    for (StepRecord r : s.steps()) {
      if (r.attempt() == s.attempt() && r.step() == step) {
        found = r; // a held step retried has several records; the last one completed it
      }
    }
    return found;
  }

  /** The latest rollout completion of a generation applied during [s, e]. */
  private static Instant rolledOut(Collection<Applied> generations, Instant s, Instant e) {
    return latest(
        generations.stream()
            .filter(g -> !g.appliedAt().isBefore(s) && !g.appliedAt().isAfter(e))
            .map(Applied::rolledOutAt)
            .filter(t -> t != null)
            .toList(),
        s,
        e);
  }

  private static Instant latest(Collection<Instant> times, Instant s, Instant e) {
    Instant last = null;
    for (Instant t : times) {
      if (!t.isBefore(s) && !t.isAfter(e) && (last == null || t.isAfter(last))) {
        last = t;
      }
    }
    return last;
  }

  private static Instant clamp(Instant t, Instant s, Instant e) {
    return t.isAfter(e) ? e : t.isBefore(s) ? s : t;
  }
}
