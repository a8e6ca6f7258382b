package io.cutover.demo.bench;

import io.cutover.cli.ExitCodes;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "groups",
    mixinStandardHelpOptions = true,
    header = "Measures many groups cutting over at once on one worker.",
    description = {
      "Runs one wave of --count groups, all at once, on one worker with its production options, against"
          + " Temporal's in-process test server and paced fake systems: each group's lag takes --lag-drain"
          + " to drain (its lag wait holds an activity slot meanwhile), gateway writes take 300 ms. --rogue"
          + " groups meet an unrouted producer at the fence and roll back while the others wait for lag; a"
          + " second execute of the wave completes them. Prints one line, a latency table and the targets:",
      "GROUPS count=<n> completed=<n> p50_step_latency_ms=<n> p99_step_latency_ms=<n> p99_unfence_wait_ms=<n>"
          + " heap_mb=<n> cpu_s=<n> wall_s=<n> group_history_events=<n> group_history_bytes=<n>"
          + " wave_history_events=<n>",
      "Step latency is every activity's schedule-to-start; the unfence wait is the rolled-back groups'"
          + " unfence's. Heap and CPU are of this process: the worker and the test server."
    },
    footer = {"%nExample:", "  cutover bench groups --count 100 --rogue 10", ExitCodes.HELP})
public class GroupsBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "100",
      description = "Groups (default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--rogue",
      paramLabel = "N",
      defaultValue = "10",
      description = "Groups that roll back on their first attempt (default ${DEFAULT-VALUE}).")
  int rogue;

  @Option(
      names = "--lag-drain",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = io.cutover.cli.DurationConverter.class,
      description = "How long each group's lag takes to drain (default ${DEFAULT-VALUE}).")
  Duration lagDrain;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    GroupsBench.Figures f;
    try (GroupsBench bench = new GroupsBench(count, rogue, lagDrain)) {
      f = bench.run();
    }
    out.println(f.line());
    out.printf("%-26s %8s %8s %8s %8s%n", "activity", "p50_ms", "p99_ms", "max_ms", "count");
    for (Map.Entry<String, long[]> e : f.latencies().entrySet()) {
      long[] v = e.getValue();
      out.printf("%-26s %8d %8d %8d %8d%n", e.getKey(), v[0], v[1], v[2], v[3]);
    }
    out.println(target("completed groups", count, count - f.completed(), 0));
    out.println(target("p99 unfence wait ms", count, f.p99UnfenceMs(), 1000));
    return f.completed() == count && f.p99UnfenceMs() < 1000 ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static String target(String what, int count, long value, long limit) {
    return "TARGET groups="
        + count
        + " what=\""
        + what
        + "\" value="
        + value
        + " limit="
        + limit
        + " met="
        + (value <= limit);
  }
}
