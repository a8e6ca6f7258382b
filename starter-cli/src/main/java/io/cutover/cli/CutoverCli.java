package io.cutover.cli;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;

/** Entry point of the {@code cutover} command. */
public final class CutoverCli {
  private CutoverCli() {}

  public static void main(String[] args) {
    // The CLI logs warnings to stderr only; `cutover worker` is a service and logs like one (logback.xml).
    if (args.length == 0 || !args[0].equals("worker")) {
      System.setProperty("logback.configurationFile", "cli-logback.xml");
    }
    int code;
    try (ApplicationContext ctx = ApplicationContext.builder(CutoverCli.class, Environment.CLI).start()) {
      code = commandLine(ctx).execute(args);
    }
    System.exit(code);
  }

  /** The command line with Micronaut injection and the CLI's error handling; tests use it too. */
  public static CommandLine commandLine(ApplicationContext ctx) {
    CommandLine cl = new CommandLine(CutoverCommand.class, new MicronautFactory(ctx));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof CliException ce) {
        cmd.getErr().println("✖ " + ce.getMessage());
        cmd.getErr().flush();
        return ce.exitCode();
      }
      throw ex;
    });
    return cl;
  }
}
