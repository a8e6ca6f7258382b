package io.cutover.cli;

import io.cutover.workflow.wave.WaveStatus;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Shows a wave: every group's phase and step in one table.",
    description = {
      "One row per group, in start order: its phase in the wave, its own step and attempt (read from the"
          + " group), and what it waits for or how it ended. Then the wave's last error and what to do next."
    },
    footer = {
      "%nExamples:",
      "  cutover wave status payments-domain",
      "  cutover wave status payments-domain --json | jq '.groups[].group.phase'",
      ExitCodes.HELP
    })
public class WaveStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "WAVE", description = "Wave name.")
  String name;

  @Option(names = "--json", description = "Print the wave's status as JSON.")
  boolean json;

  private final TemporalConnection connection;

  public WaveStatusCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var client = connection.client(temporal);
    WaveStatus s = Waves.status(client, name);
    if (json) {
      out.println(Printer.json(s));
    } else {
      Waves.table(out, client, s);
    }
    return ExitCodes.OK;
  }
}
