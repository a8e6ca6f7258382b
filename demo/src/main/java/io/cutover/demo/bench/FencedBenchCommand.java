package io.cutover.demo.bench;

import io.cutover.cli.DurationConverter;
import io.cutover.cli.ExitCodes;
import io.cutover.demo.bench.FencedRun.Config;
import io.cutover.demo.bench.FencedRun.Gateway;
import io.cutover.demo.bench.FencedRun.Result;
import io.cutover.demo.bench.FencedRun.Strategy;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "fenced",
    mixinStandardHelpOptions = true,
    header = "Measures the fenced window of real cutovers, second by second.",
    description = {
      "Runs real cutovers in the sandbox (Kafka brokers, the Kroxylicious gateway, the operator and Cluster Linking"
          + " simulators) with live clients and the worker's production poll intervals, one fresh sandbox per run,"
          + " and prints per configuration the fenced window (FENCE start to SWITCH end) and its decomposition: per"
          + " step its wall time, its external time (until the sandbox observed what the step waits for: the"
          + " operator's rollout, the last mirror STOPPED, the end of a passive window) and its overhead (the rest,"
          + " what Cutover adds). Figures are medians over --runs; the table gives the range.",
      "BENCH topics=<n> strategy=<batched|one-by-one> verify_s=<n> drain_s=<n> gateway=<rolling|hot-reload> fenced_ms=<n>"
          + " overhead_ms=<n> promote_ms=<n> rollout_ms=<n> runs=<n>",
      "By default each setting is varied alone around a baseline (the middle --topics size, batched, no"
          + " unrouted-producer window, no drain, rolling gateway), once with both passive waits and once on a"
          + " hot-reload gateway; --full runs every combination."
          + " Per configuration, --out gets an SVG timeline and the activities of its fenced window from the"
          + " workflow's history (<config>.activities.txt: per activity the gap before it, of that the"
          + " scheduling workflow task's wait and run, the worker's pickup and the run time)."
          + " docs/performance.md explains the figures."
    },
    footer = {
      "%nExamples:",
      "  cutover bench fenced",
      "  cutover bench fenced --topics 100 --runs 3 --out /tmp/bench",
      "  cutover bench fenced --full --topics 10,100",
      ExitCodes.HELP
    })
public class FencedBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topics",
      paramLabel = "N",
      split = ",",
      defaultValue = "10,100,1000",
      description = "Group sizes (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--runs",
      paramLabel = "N",
      defaultValue = "1",
      description = "Runs per configuration (default" + " ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--detect-unrouted-producers-duration",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description =
          "The unrouted-producer window of the configurations that have"
              + " one (default ${DEFAULT-VALUE}).")
  Duration verify;

  @Option(
      names = "--consumer-offset-sync-drain-duration",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description =
          "The offset-sync drain of the configurations that have one"
              + " (default ${DEFAULT-VALUE}).")
  Duration drain;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Unreported cutovers of the smallest size first (default ${DEFAULT-VALUE}): the first"
              + " cutover in a JVM runs its code cold, which would count in the first"
              + " configuration only.")
  int warmup;

  @Option(
      names = "--full",
      description = "Every combination of sizes, strategies, windows and drains.")
  boolean full;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "bench-fenced",
      description = "Where the timelines and activity lists go (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (runs < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--runs and every --topics size must be at least 1");
    }
    if (warmup < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--warmup must be 0 or more (0: no warm-up cutover)");
    }
    List<Config> configs = configs();
    w.printf(
        "%d configuration(s), %d run(s) each, one fresh sandbox per run.%n", configs.size(), runs);
    w.flush();
    Config warm =
        new Config(
            sizes.stream().min(Integer::compare).orElseThrow(),
            Strategy.BATCHED,
            Duration.ZERO,
            Duration.ZERO);
    for (int i = 1; i <= warmup; i++) {
      w.printf("… warm-up: %s, run %d/%d (not reported)%n", warm.label(), i, warmup);
      w.flush();
      FencedRun.run(warm);
    }
    List<FencedSummary> summaries = new ArrayList<>();
    for (Config c : configs) {
      List<Result> results = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        w.printf("… %s, run %d/%d%n", c.label(), i, runs);
        w.flush();
        Result r = FencedRun.run(c);
        results.add(r);
        if (r.clients().lost() > 0) {
          w.printf("✖ %d acknowledged record(s) lost in this run%n", r.clients().lost());
        }
      }
      FencedSummary s = new FencedSummary(c, results);
      Path chart = out.resolve(c.fileName() + ".svg");
      TimelineChart.write(s.median(), chart);
      Path calls = out.resolve(c.fileName() + ".activities.txt");
      java.nio.file.Files.writeString(calls, results.get(results.size() - 1).activities().text());
      summaries.add(s);
      w.println(s.line());
      w.println("  timeline: " + chart);
      w.println("  activities in the fenced window (last run): " + calls);
      w.flush();
    }
    w.println();
    w.println(FencedSummary.table(summaries));
    FencedSummary.targets(summaries, verify, drain).forEach(w::println);
    boolean lost = summaries.stream().anyMatch(s -> s.lost() > 0);
    return lost ? ExitCodes.FAILED : ExitCodes.OK;
  }

  List<Config> configs() {
    Set<Config> c = new LinkedHashSet<>();
    if (full) {
      for (int n : sizes) {
        for (Strategy s : Strategy.values()) {
          for (Duration v : List.of(Duration.ZERO, verify)) {
            for (Duration d : List.of(Duration.ZERO, drain)) {
              for (Gateway g : Gateway.values()) {
                c.add(new Config(n, s, v, d, g));
              }
            }
          }
        }
      }
      return List.copyOf(c);
    }
    int base = sizes.get(sizes.size() / 2);
    c.add(new Config(base, Strategy.BATCHED, Duration.ZERO, Duration.ZERO));
    for (int n : sizes) {
      c.add(new Config(n, Strategy.BATCHED, Duration.ZERO, Duration.ZERO));
    }
    c.add(new Config(base, Strategy.ONE_BY_ONE, Duration.ZERO, Duration.ZERO));
    c.add(new Config(base, Strategy.BATCHED, verify, Duration.ZERO));
    c.add(new Config(base, Strategy.BATCHED, Duration.ZERO, drain));
    c.add(new Config(base, Strategy.BATCHED, verify, drain));
    c.add(new Config(base, Strategy.BATCHED, Duration.ZERO, Duration.ZERO, Gateway.HOT_RELOAD));
    return List.copyOf(c);
  }
}
