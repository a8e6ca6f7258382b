package io.cutover.cli;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.UpdateAck;
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
    header = "Approves a wave: one approval for every group it starts.",
    description = {
      "With `approval: wave`, the wave waits for this before it starts any group, then hands the approval"
          + " to each group it starts. Given while the wave rests, it counts for the next execute. Who and why"
          + " are recorded in the wave and in every group. With `approval: group`, approve each group with"
          + " `cutover approve <group>`."
    },
    footer = {
      "%nExample:",
      "  cutover wave approve payments-domain --reason 'CHG-42 approved by CAB'",
      ExitCodes.HELP
    })
public class WaveApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(index = "0", paramLabel = "WAVE", description = "Wave name.")
  String name;

  private final TemporalConnection connection;

  public WaveApproveCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    var client = connection.client(temporal);
    var before = Waves.status(client, name);
    UpdateAck ack =
        Waves.send(
            client,
            name,
            "approve",
            "approve-" + operator.who + "-" + countsFor(before),
            UpdateAck.class,
            Actor.of(operator.who, operator.reason));
    spec.commandLine().getOut().println("✔ " + ack.message());
    return ExitCodes.OK;
  }

  /**
   * The wave attempt an approval counts for, as the wave decides it: one person's approval is sent
   * once per attempt (a re-sent command is deduplicated), and the next attempt gets its own.
   */
  static int countsFor(io.cutover.workflow.wave.WaveStatus s) {
    boolean running =
        s.step() == io.cutover.workflow.wave.WaveStep.RUN
            || s.step() == io.cutover.workflow.wave.WaveStep.AWAIT_APPROVAL;
    return running ? s.attempt() : s.attempt() + 1;
  }
}
