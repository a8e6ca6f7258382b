package io.cutover.demo.bench;

import io.cutover.cli.ExitCodes;
import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;

@Prototype
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Runs benchmarks that print machine-readable figures.",
    description = {"Benchmarks that print machine-readable figures; see each subcommand's help."},
    subcommands = {HistoryBenchCommand.class, FencedBenchCommand.class, GroupsBenchCommand.class},
    footer = {"%nExamples:", "  cutover bench history", "  cutover bench fenced", ExitCodes.HELP})
public class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
