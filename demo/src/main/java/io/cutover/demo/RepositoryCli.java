package io.cutover.demo;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cutover.cli.CutoverCli;
import io.cutover.demo.bench.BenchCommand;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * What the repository's {@code ./cutover} runs: the shipped CLI plus {@code dev}, {@code demo},
 * {@code sandbox} and {@code bench}. Those need Temporal's test server and the sandbox, which the
 * shipped CLI leaves out.
 */
public final class RepositoryCli {
  /** In the order `cutover --help` lists them, after the shipped commands. */
  static final List<Class<?>> COMMANDS =
      List.of(DevCommand.class, DemoCommand.class, SandboxCommand.class, BenchCommand.class);

  private RepositoryCli() {}

  public static void main(String[] args) {
    System.exit(
        CutoverCli.run(
            args,
            new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.err, UTF_8)), true),
            COMMANDS));
  }

  /**
   * The repository's command line; tests use it as {@link
   * CutoverCli#commandLine(ApplicationContext)}.
   */
  public static CommandLine commandLine(ApplicationContext ctx) {
    return CutoverCli.commandLine(ctx, COMMANDS);
  }
}
