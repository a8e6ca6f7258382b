package io.cutover.cli;

import io.cutover.workflow.model.Actor;
import io.cutover.workflow.model.UpdateAck;
import io.cutover.workflow.wave.WaveStatus;
import io.cutover.workflow.wave.WaveStep;
import io.micronaut.context.annotation.Prototype;
import io.temporal.client.WorkflowClient;
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
    name = "execute",
    mixinStandardHelpOptions = true,
    header = "Cuts a wave's groups over, in order, and follows them.",
    description = {
      "Starts the wave's next attempt: the groups not yet DONE start in order, each after the groups its"
          + " `after` names are DONE, at most `concurrency` at once, only inside the change window. Each"
          + " group runs its own cutover (and waits for its own approval unless the wave's approval is"
          + " `wave`). Prints each group's progress until the attempt ends; Ctrl+C stops following, not"
          + " the wave.",
      "After a stop (a group rolled back or held with onFailure: stop, or a wave rollback), executing again"
          + " starts the groups not yet DONE. Sent again while an attempt runs, it follows that attempt; for a"
          + " DONE wave it does nothing (exit 0)."
    },
    footer = {
      "%nExamples:",
      "  cutover wave execute payments-domain --reason CHG-42",
      "  cutover wave execute payments-domain --detach",
      ExitCodes.HELP
    })
public class WaveExecuteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TemporalOptions temporal;

  @Mixin Operator operator;

  @Parameters(index = "0", paramLabel = "WAVE", description = "Wave name.")
  String name;

  @Option(names = "--detach", description = "Return once the wave accepted the execute.")
  boolean detach;

  @Option(
      paramLabel = "DURATION",
      names = "--wait",
      defaultValue = "168h",
      converter = DurationConverter.class,
      description = "How long to follow (default ${DEFAULT-VALUE}); the wave goes on after.")
  Duration wait;

  private final TemporalConnection connection;

  public WaveExecuteCommand(TemporalConnection connection) {
    this.connection = connection;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    WorkflowClient client = connection.client(temporal);
    WaveStatus before = Waves.status(client, name);
    if (before.step() == WaveStep.DONE) {
      out.println("✔ every group of wave " + before.name() + " is already DONE; nothing to do.");
      return ExitCodes.OK;
    }
    if (before.step() == WaveStep.RUN || before.step() == WaveStep.AWAIT_APPROVAL) {
      // A re-sent command (a lost connection, a follow that timed out) follows the running attempt.
      out.println("Attempt " + before.attempt() + " is already running; following it.");
      return follow(out, client, before.attempt());
    }
    UpdateAck ack =
        Waves.send(
            client,
            name,
            "execute",
            "execute-" + (before.attempt() + 1),
            UpdateAck.class,
            Actor.of(operator.who, operator.reason));
    out.println("✔ " + ack.message());
    if (detach) {
      out.println("Follow with `cutover wave status " + Waves.nameOf(name) + "`.");
      return ExitCodes.OK;
    }
    return follow(out, client, before.attempt() + 1);
  }

  private int follow(PrintWriter out, WorkflowClient client, int attempt) {
    WaveStatus end =
        new WaveFollow(out, client)
            .until(
                name,
                wait,
                s ->
                    s.step() == WaveStep.DONE
                        || (s.step() == WaveStep.AWAIT_EXECUTE && s.attempt() >= attempt));
    if (end == null) {
      out.println(
          "Stopped following; the wave goes on. `cutover wave status " + Waves.nameOf(name) + "`");
      return ExitCodes.DETACHED;
    }
    Waves.table(out, client, end);
    return end.step() == WaveStep.DONE ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
