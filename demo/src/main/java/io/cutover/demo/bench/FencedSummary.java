package io.cutover.demo.bench;

import io.cutover.demo.bench.FencedRun.Config;
import io.cutover.demo.bench.FencedRun.Result;
import io.cutover.demo.bench.FencedRun.Strategy;
import io.cutover.workflow.CutoverStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The runs of one configuration: medians for the BENCH line, ranges for the table, and the targets.
 */
final class FencedSummary {
  private final Config config;
  private final List<Result> runs;

  FencedSummary(Config config, List<Result> runs) {
    this.config = config;
    this.runs = List.copyOf(runs);
  }

  Config config() {
    return config;
  }

  /** The run with the median fenced window (the one the timeline shows). */
  Result median() {
    List<Result> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingLong(r -> r.breakdown().fencedMs()));
    return sorted.get((sorted.size() - 1) / 2);
  }

  long median(ToLongFunction<FencedBreakdown> f) {
    long[] v = runs.stream().mapToLong(r -> f.applyAsLong(r.breakdown())).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private String range(ToLongFunction<FencedBreakdown> f) {
    long min = runs.stream().mapToLong(r -> f.applyAsLong(r.breakdown())).min().orElse(0);
    long max = runs.stream().mapToLong(r -> f.applyAsLong(r.breakdown())).max().orElse(0);
    return runs.size() == 1 ? Long.toString(min) : median(f) + " (" + min + "-" + max + ")";
  }

  long lost() {
    return runs.stream().mapToLong(r -> r.clients().lost()).sum();
  }

  String line() {
    return "BENCH "
        + config.label()
        + " fenced_ms="
        + median(FencedBreakdown::fencedMs)
        + " overhead_ms="
        + median(FencedBreakdown::overheadMs)
        + " promote_ms="
        + median(b -> b.wallMs(CutoverStep.PROMOTE))
        + " rollout_ms="
        + median(FencedBreakdown::rolloutMs)
        + " runs="
        + runs.size();
  }

  /**
   * One row per configuration; per step "wall/external" in ms (medians), '-' when the step did not
   * run.
   */
  static String table(List<FencedSummary> all) {
    StringBuilder t =
        new StringBuilder(
            String.format("%-68s %-17s %-15s", "configuration", "fenced ms", "overhead ms"));
    for (CutoverStep s : FencedBreakdown.FENCED) {
      t.append(
          String.format(" %-13s", s.name().length() > 13 ? s.name().substring(0, 13) : s.name()));
    }
    t.append(" lost\n");
    for (FencedSummary f : all) {
      t.append(
          String.format(
              "%-68s %-17s %-15s",
              f.config.label(),
              f.range(FencedBreakdown::fencedMs),
              f.range(FencedBreakdown::overheadMs)));
      for (CutoverStep s : FencedBreakdown.FENCED) {
        boolean ran = f.median().breakdown().steps().stream().anyMatch(p -> p.step() == s);
        t.append(
            String.format(
                " %-13s",
                ran ? f.median(b -> b.wallMs(s)) + "/" + f.median(b -> b.externalMs(s)) : "-"));
      }
      t.append(' ').append(f.lost()).append('\n');
    }
    t.append(
        "(per step: wall ms / external ms, medians; external = until the sandbox observed what the step waits"
            + " for)");
    return t.toString();
  }

  /**
   * docs/performance.md's targets, one TARGET line each, for the configurations this run measured.
   */
  static List<String> targets(List<FencedSummary> all, Duration verify, Duration drain) {
    List<String> out = new ArrayList<>();
    baseline(all, 100)
        .ifPresent(
            s -> out.add(target(100, "overhead_ms", s.median(FencedBreakdown::overheadMs), 1000)));
    baseline(all, 1000)
        .ifPresent(
            s -> out.add(target(1000, "overhead_ms", s.median(FencedBreakdown::overheadMs), 2000)));
    Optional<FencedSummary> batched = baseline(all, 100);
    Optional<FencedSummary> oneByOne =
        all.stream()
            .filter(
                s ->
                    s.config.topics() == 100
                        && s.config.strategy() == Strategy.ONE_BY_ONE
                        && s.config.verify().isZero()
                        && s.config.drain().isZero())
            .findFirst();
    if (batched.isPresent() && oneByOne.isPresent()) {
      long b = batched.get().median(x -> x.wallMs(CutoverStep.PROMOTE));
      long o = oneByOne.get().median(x -> x.wallMs(CutoverStep.PROMOTE));
      out.add(
          "TARGET topics=100 what=\"PROMOTE one-by-one / batched\" value="
              + (b == 0 ? "inf" : o / (double) b)
              + " limit=5 met="
              + (o >= 5 * b));
    }
    for (FencedSummary s : all) {
      long passive = Math.max(s.config.verify().toMillis(), s.config.drain().toMillis());
      long limit = s.median(FencedBreakdown::rolloutMs) + passive + 1000;
      out.add(
          target(
              s.config.topics(),
              "fenced_ms <= rollout + max(verify, drain) + 1s, " + s.config.label(),
              s.median(FencedBreakdown::fencedMs),
              limit));
    }
    return out;
  }

  private static Optional<FencedSummary> baseline(List<FencedSummary> all, int topics) {
    return all.stream()
        .filter(
            s ->
                s.config.topics() == topics
                    && s.config.strategy() == Strategy.BATCHED
                    && s.config.verify().isZero()
                    && s.config.drain().isZero())
        .findFirst();
  }

  private static String target(int topics, String what, long value, long limit) {
    return HistoryBenchCommand.target(what, topics, value, limit);
  }
}
