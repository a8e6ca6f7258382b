package io.cutover.cli;

import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one CLI command in-process, as the launcher would, capturing what it prints. */
public record CliRun(int exit, String out, String err) {
  static CliRun run(ApplicationContext ctx, String... args) {
    return run(CutoverCli.commandLine(ctx), args);
  }

  /** On a given command line: the demo module passes the repository's. */
  public static CliRun run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public String all() {
    return out + err;
  }
}
