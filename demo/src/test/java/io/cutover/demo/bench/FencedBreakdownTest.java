package io.cutover.demo.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.sandbox.kube.AppliedGenerations.Applied;
import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.MigrationStatus;
import io.cutover.workflow.model.Policies;
import io.cutover.workflow.model.StepRecord;
import io.cutover.workflow.model.StepRecord.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencedBreakdownTest {
  private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

  private static Instant at(long ms) {
    return T0.plusMillis(ms);
  }

  private static StepRecord step(CutoverStep s, long from, long to) {
    return new StepRecord(s, 1, at(from), at(to), Outcome.OK, "");
  }

  private static MigrationStatus status(List<StepRecord> steps) {
    return new MigrationStatus(
        "m",
        CutoverStep.DONE,
        1,
        false,
        true,
        steps,
        3,
        null,
        3,
        3,
        List.of(),
        List.of(),
        List.of(),
        Policies.defaults(),
        null,
        null,
        "",
        List.of(),
        null,
        1,
        null,
        null);
  }

  @Test
  void eachStepIsSplitAtTheMomentTheSandboxObservedWhatItWaitsFor() {
    List<StepRecord> steps =
        new ArrayList<>(
            List.of(
                step(CutoverStep.WAIT_FOR_LAG, 0, 900),
                step(CutoverStep.FENCE, 1000, 3000),
                step(CutoverStep.PAUSE_OFFSET_SYNC, 3100, 6300),
                step(CutoverStep.VERIFY_FENCE, 6400, 16600),
                step(CutoverStep.PROMOTE, 16700, 18000),
                step(CutoverStep.SWITCH, 18100, 20000),
                step(CutoverStep.RESTORE_OFFSET_SYNC, 20100, 20500)));
    List<Applied> generations =
        List.of(
            new Applied(1, at(-60_000), at(-60_000), false),
            new Applied(2, at(1200), at(2500), true),
            new Applied(3, at(18300), at(19400), false));
    List<Instant> stopped =
        List.of(at(17200), at(17600), at(-5)); // the last is another group's, earlier

    FencedBreakdown b =
        FencedBreakdown.of(
            status(steps), generations, stopped, Duration.ofSeconds(10), Duration.ofSeconds(3));

    assertEquals(
        List.of(
            CutoverStep.FENCE,
            CutoverStep.PAUSE_OFFSET_SYNC,
            CutoverStep.VERIFY_FENCE,
            CutoverStep.PROMOTE,
            CutoverStep.SWITCH),
        b.steps().stream().map(FencedBreakdown.Part::step).toList());
    assertEquals(19000, b.fencedMs(), "FENCE start to SWITCH end");
    assertEquals(
        List.of(1500L, 3000L, 10000L, 900L, 1300L),
        b.steps().stream().map(FencedBreakdown.Part::externalMs).toList());
    assertEquals(
        List.of(500L, 200L, 200L, 400L, 600L),
        b.steps().stream().map(FencedBreakdown.Part::overheadMs).toList());
    assertEquals(
        19000 - (1500 + 3000 + 10000 + 900 + 1300), b.overheadMs(), "overheads plus the four gaps");
    assertEquals(2800, b.rolloutMs());
    assertEquals(1300, b.wallMs(CutoverStep.PROMOTE));
  }

  @Test
  void overlappingWaitsAreCountedOnceInTheOverhead() {
    // The unrouted-producer window (10 s) starts alongside the 3 s offset-sync drain.
    List<StepRecord> steps =
        List.of(
            step(CutoverStep.FENCE, 0, 2000),
            step(CutoverStep.VERIFY_FENCE, 2050, 12200),
            step(CutoverStep.PAUSE_OFFSET_SYNC, 2100, 5200),
            step(CutoverStep.PROMOTE, 12300, 13000),
            step(CutoverStep.SWITCH, 13000, 15000));
    List<Applied> generations =
        List.of(
            new Applied(2, at(100), at(1800), true), new Applied(3, at(13100), at(14800), false));
    FencedBreakdown b =
        FencedBreakdown.of(
            status(steps),
            generations,
            List.of(at(12900)),
            Duration.ofSeconds(10),
            Duration.ofSeconds(3));

    assertEquals(10000, b.externalMs(CutoverStep.VERIFY_FENCE));
    assertEquals(3000, b.externalMs(CutoverStep.PAUSE_OFFSET_SYNC));
    // Covered: FENCE 0-1800, the window 2050-12050 (the drain 2100-5100 inside it), PROMOTE
    // 12300-12900, SWITCH 13000-14800.
    assertEquals(15000 - (1800 + 10000 + 600 + 1800), b.overheadMs());
  }

  @Test
  void aConditionNeverObservedCountsTheWholeStepAsOverhead() {
    List<StepRecord> steps =
        List.of(
            step(CutoverStep.FENCE, 0, 2000),
            step(CutoverStep.PROMOTE, 2000, 3000),
            step(CutoverStep.SWITCH, 3000, 4000));
    FencedBreakdown b =
        FencedBreakdown.of(status(steps), List.of(), List.of(), Duration.ZERO, Duration.ZERO);
    assertEquals(4000, b.overheadMs());
    assertNull(b.steps().get(0).external());
  }

  @Test
  void anAttemptThatNeverSwitchedIsRefusedSayingHowItEnded() {
    List<StepRecord> steps = List.of(step(CutoverStep.FENCE, 0, 2000));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FencedBreakdown.of(
                    status(steps), List.of(), List.of(), Duration.ZERO, Duration.ZERO));
    assertTrue(e.getMessage().contains("no completed FENCE and SWITCH"), e.getMessage());
  }
}
