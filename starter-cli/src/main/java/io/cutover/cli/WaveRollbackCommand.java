package io.cutover.cli;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.wave.GroupRollback;
import io.cutover.workflow.wave.WaveRollbackReport;
import io.micronaut.context.annotation.Prototype;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    header = "Stops a wave and rolls back the groups that can still go back.",
    description = {
      "The wave starts no more groups. Each running group is asked to roll back: one before its point of"
          + " no return compensates (unfence, restore offset sync) and rests at ROLLED_BACK; one past it"
          + " refuses and goes forward to DONE on the destination, and this command says so. Groups already"
          + " DONE stay on the destination.",
      "Exit 0 when every running group rolls back, 1 when some cannot."
    },
    footer = {
      "%nExample:",
      "  cutover wave rollback payments-domain --reason 'CHG-42 backed out'",
      ExitCodes.HELP
    })
public class WaveRollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(index = "0", paramLabel = "WAVE", description = "Wave name.")
  String name;

  private final TemporalConnection connection;

  public WaveRollbackCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var client = connection.client(temporal);
    WaveRollbackReport report =
        Waves.send(
            client,
            name,
            "rollback",
            "rollback-" + UUID.randomUUID(),
            WaveRollbackReport.class,
            Actor.of(operator.who, operator.reason));
    boolean all = true;
    for (GroupRollback r : report.answered()) {
      all &= r.rolledBack();
      out.println((r.rolledBack() ? "✔ " : "✖ ") + r.name() + ": " + r.message());
    }
    if (!report.done().isEmpty()) {
      out.println("  DONE, staying on the destination: " + String.join(", ", report.done()));
    }
    if (!report.notStarted().isEmpty()) {
      out.println("  not started, and will not be: " + String.join(", ", report.notStarted()));
    }
    out.println("Follow with `cutover wave status " + Waves.nameOf(name) + "`.");
    return all ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
