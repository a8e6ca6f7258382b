package io.cutover.cli;

import io.cutover.workflow.model.CredentialLook;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * How a failure reaches the user: one line saying what failed and what to do, and the exit code. A
 * stack trace only with {@code --verbose}, because it helps whoever reports a bug and nobody else.
 * Every text passes the credential redaction first: exception messages quote what they were given.
 */
final class ErrorReport {
  static final String VERBOSE = "--verbose";
  private static final int MAX_MESSAGE = 300;

  private ErrorReport() {}

  /** picocli's execution exception handler: every exception a command throws ends here. */
  static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
    return report(e, cmd.getCommandSpec().qualifiedName(), verbose(parsed), cmd.getErr());
  }

  /** Reports {@code e} on {@code err} and returns the exit code. */
  static int report(Throwable e, String command, boolean verbose, PrintWriter err) {
    int code;
    if (e instanceof CliException ce) {
      err.println("✖ " + ce.getMessage());
      code = ce.exitCode();
    } else {
      err.println("✖ " + unexpected(e, command));
      code = unavailable(e) ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
    }
    if (verbose) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.print(CredentialLook.redact(trace.toString()));
    }
    err.flush();
    return code;
  }

  /** The one line for a failure nobody planned for. */
  static String unexpected(Throwable e, String command) {
    Throwable root = root(e);
    String what = CredentialLook.redact(oneLine(root.getMessage()));
    String cause = root.getClass().getSimpleName() + (what.isEmpty() ? "" : ": " + what);
    if (unavailable(e)) {
      return command
          + ": lost the connection to Temporal ("
          + cause
          + "). Check that the server is up"
          + " (`cutover dev`, `docker compose up`) and that --temporal / TEMPORAL_ADDRESS points at it.";
    }
    if (root instanceof LinkageError) {
      return command
          + " failed: the build is incomplete ("
          + cause
          + "). Rebuild it: mvn -B -DskipTests package"
          + " -pl demo -am (./cutover does this by itself when it can tell).";
    }
    return command
        + " failed unexpectedly ("
        + cause
        + "). Run it again with "
        + VERBOSE
        + " to see the stack"
        + " trace, and report it if it happens again.";
  }

  /** Whether {@code --verbose} was given anywhere on the command line. */
  static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(VERBOSE)) {
        return true;
      }
    }
    return false;
  }

  /** Before anything is parsed (the application context, the command model): the raw arguments. */
  static boolean verbose(String[] args) {
    return Arrays.asList(args).contains(VERBOSE);
  }

  private static boolean unavailable(Throwable e) {
    return root(e) instanceof StatusRuntimeException s
        && s.getStatus().getCode() == Status.Code.UNAVAILABLE;
  }

  private static Throwable root(Throwable e) {
    Throwable c = e;
    List<Throwable> seen = new java.util.ArrayList<>();
    while (c.getCause() != null && !seen.contains(c.getCause())) {
      seen.add(c);
      c = c.getCause();
    }
    return c;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip().replaceAll("\\s*\\R\\s*", " ");
    return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + " ..." : m;
  }
}
