package io.cutover.cli;

import io.micronaut.context.annotation.Prototype;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Prototype
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {"Reserved for the one-machine sandbox rehearsal (real Kafka, gateway and clients). Not"
        + " available in this build yet."})
public class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("✖ demo is not available in this build yet: the sandbox it runs in is still"
        + " being built. Use `cutover dev` with your own manifest meanwhile.");
    return ExitCodes.FAILED;
  }
}
