package io.cutover.demo.bench;

import io.cutover.cli.ExitCodes;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    header = "Measures the workflow's history per group size and scenario.",
    description = {
      "Measures the workflow's history: runs the real workflow on Temporal's in-process test server with instant"
          + " activities whose results have realistic sizes, and prints one line per group size and scenario.",
      "HISTORY topics=<n> scenario=<attempt|attempt-listed|wait-24h|rollbacks-N> events=<n> bytes=<n>"
          + " largest_payload=<n> runs=<n>",
      "The manifest names no topics (every mirror on the link), except in attempt-listed, where it lists them all."
          + " events and bytes are of the largest run of the continue-as-new chain (for wait-24h: what the wait adds);"
          + " largest_payload is the largest single payload; runs is the length of the chain. The TARGET lines"
          + " compare them with docs/architecture.md's limits."
    },
    footer = {
      "%nExample:",
      "  cutover bench history --topics 10,100,1000 --rollbacks 100",
      ExitCodes.HELP
    })
public class HistoryBenchCommand implements Callable<Integer> {
  static final long KIB = 1024;

  @Spec CommandSpec spec;

  @Option(
      names = "--topics",
      paramLabel = "N",
      split = ",",
      defaultValue = "10,100,1000,10000",
      description = "Group sizes (default ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(
      names = "--rollbacks",
      paramLabel = "N",
      defaultValue = "100",
      description = "Rolled-back attempts (default ${DEFAULT-VALUE}).")
  int rollbacks;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> targets = new ArrayList<>();
    for (int n : sizes) {
      try (HistoryBench bench = new HistoryBench(n)) {
        HistoryBench.Figures attempt = bench.cleanAttempt(false);
        out.println(attempt.line());
        out.flush();
        HistoryBench.Figures listed = bench.cleanAttempt(true);
        out.println(listed.line());
        out.flush();
        HistoryBench.Figures day = bench.waitingADay();
        out.println(day.line());
        out.flush();
        HistoryBench.Figures many = bench.rolledBackAttempts(rollbacks);
        out.println(many.line());
        out.flush();
        if (n == 1000) {
          targets.add(target("wait-24h: events added", n, day.events(), 200));
          targets.add(target("wait-24h: bytes added", n, day.bytes(), 256 * KIB));
        }
        if (n == 10000) {
          targets.add(target("attempt: bytes", n, attempt.bytes(), 1024 * KIB));
          targets.add(target("attempt: largest payload", n, attempt.largestPayload(), 256 * KIB));
          targets.add(target("attempt-listed: bytes", n, listed.bytes(), 1024 * KIB));
          targets.add(
              target("attempt-listed: largest payload", n, listed.largestPayload(), 256 * KIB));
        }
        for (HistoryBench.Figures f : List.of(attempt, listed, day, many)) {
          targets.add(target(f.scenario() + ": largest run, bytes", n, f.runBytes(), 4096 * KIB));
          targets.add(target(f.scenario() + ": largest run, events", n, f.runEvents(), 4096));
        }
      }
    }
    targets.forEach(out::println);
    return ExitCodes.OK;
  }

  /** One TARGET line, the format every bench prints (docs/architecture.md, docs/performance.md). */
  static String target(String what, int topics, long value, long limit) {
    return "TARGET topics="
        + topics
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
