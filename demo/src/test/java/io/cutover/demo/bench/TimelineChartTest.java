package io.cutover.demo.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.cutover.demo.bench.FencedRun.Config;
import io.cutover.demo.bench.FencedRun.Strategy;
import io.cutover.sandbox.workload.WorkloadReport;
import io.cutover.workflow.CutoverStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineChartTest {
  @TempDir Path dir;

  static FencedRun.Result result() {
    Instant t = Instant.parse("2026-12-02T03:00:00Z");
    List<FencedBreakdown.Part> parts =
        List.of(
            new FencedBreakdown.Part(
                CutoverStep.FENCE, t, t.plusMillis(2500), t.plusMillis(1300), "operator rollout"),
            new FencedBreakdown.Part(
                CutoverStep.PROMOTE,
                t.plusMillis(2600),
                t.plusMillis(3400),
                t.plusMillis(3000),
                "last mirror STOPPED"),
            new FencedBreakdown.Part(
                CutoverStep.SWITCH,
                t.plusMillis(3500),
                t.plusMillis(7800),
                null,
                "operator rollout"));
    return new FencedRun.Result(
        new Config(10, Strategy.BATCHED, Duration.ZERO, Duration.ZERO),
        new FencedBreakdown(parts, t, t.plusMillis(7800)),
        new ActivityTimeline(t, List.of()),
        new WorkloadReport(1, 1, 0, 0, 0, 0, 1, Map.of(), 0));
  }

  @Test
  void theTimelineIsAnSvgWithEveryFencedStepAndTheWindowInItsTitle() throws Exception {
    Path file = dir.resolve("sub").resolve("t.svg");
    TimelineChart.write(result(), file);
    String svg = Files.readString(file);
    assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), svg.substring(0, 100));
    for (String s :
        List.of("FENCE", "PROMOTE", "SWITCH", "Fenced window 7800 ms", "clients fenced")) {
      assertTrue(svg.contains(s), s + " is drawn");
    }
  }
}
