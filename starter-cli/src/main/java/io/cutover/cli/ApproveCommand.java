package io.cutover.cli;

import io.cutover.workflow.model.Actor;
import io.micronaut.context.annotation.Prototype;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    header = "Approves fencing the gateway when the policy asks for it.",
    description = {
      "Approves fencing the gateway (policy requireApproval). An approval sent before the run"
          + " reaches AWAIT_APPROVAL is kept for it. Who and why are recorded."
    },
    footer = {
      "%nExample:",
      "  cutover approve orders --reason 'CHG-42 approved by CAB'",
      ExitCodes.HELP
    })
public class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(index = "0", paramLabel = "MIGRATION", description = "Migration name.")
  String name;

  private final TemporalConnection connection;

  public ApproveCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    var client = connection.client(temporal);
    var before = Migrations.status(client, name);
    var ack =
        Updates.send(
            client,
            name,
            "approve",
            "approve",
            Updates.approveId(before, operator.who),
            io.cutover.workflow.model.UpdateAck.class,
            Updates.ANSWER,
            Actor.of(operator.who, operator.reason));
    spec.commandLine().getOut().println("✔ " + ack.message());
    return ExitCodes.OK;
  }
}
