package io.cutover.cli;

import io.cutover.workflow.CutoverStep;
import io.cutover.workflow.model.Actor;
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
    name = "rollback",
    mixinStandardHelpOptions = true,
    header = "Returns clients to the source, before the point of no return.",
    description = {
      "Stops the running attempt and returns clients to the source: restores offset sync, unfences"
          + " the gateway, confirms traffic flows. Refused once a promote was accepted (the answer says why and"
          + " what the way back is then). Waits until the rollback is done unless --detach."
    },
    footer = {
      "%nExample:",
      "  cutover rollback orders --reason 'consumer lag alarms'",
      ExitCodes.HELP
    })
public class RollbackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(index = "0", paramLabel = "MIGRATION", description = "Migration name.")
  String name;

  // --no-wait was this option's first name; execute's word for the same thing is --detach.
  @Option(
      names = {"--detach", "--no-wait"},
      description = "Return once the rollback is accepted (--no-wait: the same).")
  boolean detach;

  @Option(
      paramLabel = "DURATION",
      names = "--timeout",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description = "How long to wait for the rollback to finish (default ${DEFAULT-VALUE}).")
  Duration timeout;

  private final TemporalConnection connection;

  public RollbackCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var client = connection.client(temporal);
    MigrationStatus before = Migrations.status(client, name);
    var ack =
        Updates.send(
            client,
            name,
            "rollback",
            "rollback",
            Updates.rollbackId(before),
            io.cutover.workflow.model.UpdateAck.class,
            Updates.ANSWER,
            Actor.of(operator.who, operator.reason));
    out.println("✔ " + ack.message());
    if (detach) {
      return ExitCodes.OK;
    }
    int attempt = before.attempt();
    MigrationStatus done =
        Follow.until(
            client,
            name,
            timeout,
            s ->
                s.rollbacks().stream().anyMatch(r -> r.attempt() == attempt)
                    || (s.lastError() != null && s.lastError().startsWith("rollback incomplete")));
    if (done == null) {
      out.println(
          "Still rolling back after "
              + io.cutover.workflow.model.Durations.format(timeout)
              + "; follow with `cutover status "
              + Migrations.nameOf(name)
              + " --watch`.");
      return ExitCodes.DETACHED;
    }
    if (done.step() == CutoverStep.ROLLED_BACK) {
      out.println("✔ Rolled back: clients are on the source. " + done.nextAction());
      return ExitCodes.OK;
    }
    out.println("✖ " + done.lastError());
    out.println("Next: " + done.nextAction());
    return ExitCodes.FAILED;
  }
}
