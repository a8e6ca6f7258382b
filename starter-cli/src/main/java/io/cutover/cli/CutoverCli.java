package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code cutover} command. */
public final class CutoverCli {
  private CutoverCli() {}

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, UTF_8)), true),
            List.of()));
  }

  /**
   * Runs one command; a failure outside the command itself (the context, the command model) is
   * reported too. {@code extraCommands} are added to the shipped ones: the repository's launcher
   * adds demo, dev and bench.
   */
  public static int run(String[] args, PrintWriter err, List<Class<?>> extraCommands) {
    // The CLI logs warnings to stderr only; `cutover worker` is a service and logs like one
    // (logback.xml).
    if (!runsTheWorker(args)) {
      System.setProperty("logback.configurationFile", "cli-logback.xml");
    }
    if (ErrorReport.verbose(args)) {
      System.setProperty(
          "cutover.log.trace", "full"); // cli-logback.xml logs exceptions without frames otherwise
    }
    try (ApplicationContext ctx =
        ApplicationContext.builder(CutoverCli.class, Environment.CLI).start()) {
      return commandLine(ctx, extraCommands).execute(args);
    } catch (RuntimeException | LinkageError e) {
      return ErrorReport.report(e, "cutover", ErrorReport.verbose(args), err);
    }
  }

  /** `cutover worker` itself, not its help. */
  static boolean runsTheWorker(String[] args) {
    List<String> a = List.of(args);
    return !a.isEmpty()
        && a.get(0).equals("worker")
        && a.stream().noneMatch(s -> List.of("-h", "--help", "-V", "--version").contains(s));
  }

  /**
   * The shipped command line with Micronaut injection and the CLI's error handling; tests use it
   * too.
   */
  public static CommandLine commandLine(ApplicationContext ctx) {
    return commandLine(ctx, List.of());
  }

  /**
   * The shipped command line plus {@code extraCommands} (picocli {@code @Command} classes, built by
   * Micronaut).
   */
  public static CommandLine commandLine(ApplicationContext ctx, List<Class<?>> extraCommands) {
    CommandLine cl = new CommandLine(CutoverCommand.class, new MicronautFactory(ctx));
    extraCommands.forEach(cl::addSubcommand);
    withVersion(cl);
    // Set after the subcommands are added: picocli hands the handlers down to those already there.
    cl.setExecutionExceptionHandler(ErrorReport::handle);
    cl.setParameterExceptionHandler(new UsageErrors());
    return cl;
  }

  /**
   * Every command has --version (mixinStandardHelpOptions); picocli would print nothing below the
   * top.
   */
  private static void withVersion(CommandLine cl) {
    cl.getCommandSpec().versionProvider(new BuildVersion());
    cl.getSubcommands().values().forEach(CutoverCli::withVersion);
  }
}
