package io.cutover.cli;

import io.micronaut.context.annotation.Prototype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "wave",
    mixinStandardHelpOptions = true,
    header = "Runs many migration groups as one durable plan.",
    description = {
      "A wave is the groups of a migration moved together, from one `kind: MigrationWave` manifest that"
          + " names each group's manifest (kcp's unchanged): their order (after), how many cut over at once"
          + " (concurrency), what a rollback or hold of one does to the rest (onFailure), who approves"
          + " (approval) and when groups may start (window).",
      "Each group keeps its own workflow, id and Updates: `cutover status <group>`, `cutover approve"
          + " <group>` and `cutover rollback <group>` work on a wave's groups too."
    },
    subcommands = {
      WaveInitCommand.class,
      WaveExecuteCommand.class,
      WaveApproveCommand.class,
      WaveRollbackCommand.class,
      WaveStatusCommand.class,
      WaveListCommand.class
    },
    footer = {
      "%nExample:",
      "  cutover wave init -f wave.yaml        # start every group, validate each",
      "  cutover wave execute payments         # cut the groups over in order",
      "  cutover wave status payments          # every group's step in one table",
      "  cutover wave rollback payments        # stop; roll back what still can",
      ExitCodes.HELP
    })
public class WaveCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
