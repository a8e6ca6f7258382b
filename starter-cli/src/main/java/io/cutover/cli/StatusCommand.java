package io.cutover.cli;

import io.cutover.workflow.model.MigrationStatus;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.time.Duration;
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
    header = "Shows where a migration is and what to do next.",
    description = {
      "Shows where a migration is: step, attempt, timings, lag, promotion, approvals, rollbacks,"
          + " the last error and what to do next."
    },
    footer = {
      "%nExamples:",
      "  cutover status orders",
      "  cutover status orders --watch",
      "  cutover status orders --json | jq .step",
      ExitCodes.HELP
    })
public class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "MIGRATION", description = "Migration name.")
  String name;

  @Option(names = "--json", description = "Print the status as JSON.")
  boolean json;

  @Option(
      names = "--watch",
      description = "Show progress as it happens, until the run rests (Ctrl+C stops watching).")
  boolean watch;

  private final TemporalConnection connection;

  public StatusCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var client = connection.client(temporal);
    if (watch) {
      // From the current attempt: the table printed at the end has the earlier ones.
      Progress progress = new Progress(out, Migrations.status(client, name).attempt());
      Follow.until(client, name, Duration.ofDays(7), MigrationStatus::resting, progress::show);
    }
    MigrationStatus s = Migrations.status(client, name);
    if (json) {
      out.println(Printer.json(s));
    } else {
      Printer.status(out, s);
    }
    return ExitCodes.OK;
  }
}
