package io.cutover.cli;

import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "cutover",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = {
      "Moves Kafka clients to Confluent Cloud through a gateway, one migration group at a time, as a durable"
          + " Temporal workflow.",
      "",
      "A migration: init (validate), lag-check (optional, any time), execute (fence, promote, switch),"
          + " with approve and rollback as needed; status and list to follow along. Many groups at once:"
          + " cutover wave."
    },
    subcommands = {
      InitCommand.class,
      LagCheckCommand.class,
      ExecuteCommand.class,
      ApproveCommand.class,
      RollbackCommand.class,
      StatusCommand.class,
      ListCommand.class,
      WaveCommand.class,
      ReplayCheckCommand.class,
      RecoverCommand.class,
      WorkerCommand.class,
      CompletionCommand.class
      // The repository's ./cutover adds dev, demo and bench (the demo module): they need test
      // servers.
    },
    footer = {
      "%nExample:",
      "  cutover dev &                             # Temporal and a worker, not durable",
      "  cutover init -f migration.yaml            # validate, wait for execute",
      "  cutover execute orders                    # run the cutover, follow it",
      "  cutover rollback orders --reason CHG-42   # before PROMOTE: back to source",
      ExitCodes.HELP
    })
public class CutoverCommand implements Runnable {
  @Spec CommandSpec spec;

  // Inherited: accepted after any command, where users type it.
  @Option(
      names = ErrorReport.VERBOSE,
      scope = ScopeType.INHERIT,
      description = "On an unexpected failure, also print its stack trace.")
  boolean verbose;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
