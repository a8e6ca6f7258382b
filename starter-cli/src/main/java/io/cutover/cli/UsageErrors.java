package io.cutover.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad arguments: the error, picocli's suggestions for near misses, and, for an option that belongs
 * to another command (or was written before the command), which command has it. Then a pointer to
 * --help instead of the whole usage, which would push the error off the screen.
 */
final class UsageErrors implements IParameterExceptionHandler {
  private static final int LISTED = 4;

  /**
   * Commands of the repository's ./cutover (the demo module) that this build leaves out: they need
   * test servers.
   */
  static final Map<String, String> REPOSITORY_ONLY =
      Map.of(
          "demo", "rehearses a cutover in a one-machine sandbox",
          "dev", "runs Temporal's in-memory test server with a worker",
          "sandbox", "runs the one-machine sandbox with live clients, to drive by hand",
          "bench", "measures the fenced window and the workflow's history in the sandbox");

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    Optional<String> elsewhere = repositoryOnly(ex);
    if (elsewhere.isPresent()) {
      err.println(elsewhere.get());
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println(ex.getMessage());
    if (ex instanceof UnmatchedArgumentException unmatched) {
      UnmatchedArgumentException.printSuggestions(unmatched, err);
      for (String arg : unmatched.getUnmatched()) {
        hint(cmd, arg, List.of(args))
            .filter(h -> unmatched.getSuggestions().stream().noneMatch(h::contains))
            .ifPresent(err::println);
      }
    }
    err.println("See `" + cmd.getCommandSpec().qualifiedName() + " --help` for what it accepts.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** For `cutover demo` and the like in a build without them: one line that says where they are. */
  static Optional<String> repositoryOnly(ParameterException ex) {
    CommandLine cmd = ex.getCommandLine();
    if (!(ex instanceof UnmatchedArgumentException unmatched)
        || cmd.getCommandSpec().root() != cmd.getCommandSpec()
        || unmatched.getUnmatched().isEmpty()) {
      return Optional.empty();
    }
    String name = unmatched.getUnmatched().get(0);
    String what = REPOSITORY_ONLY.get(name);
    if (what == null || cmd.getSubcommands().containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of(
        "`cutover "
            + name
            + "` "
            + what
            + ": it comes with the ./cutover launcher of the Cutover"
            + " repository (clone it, then run ./cutover "
            + name
            + "), not with this build.");
  }

  /**
   * Where an unknown option {@code arg} does exist, if anywhere; {@code args} is the whole command
   * line.
   */
  static Optional<String> hint(CommandLine cmd, String arg, List<String> args) {
    if (!arg.startsWith("--")) {
      return Optional.empty();
    }
    String name = arg.split("=", 2)[0];
    // A manifest key written as a flag: --lagThreshold is --lag-threshold.
    String kebab = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    if (!kebab.equals(name) && cmd.getCommandSpec().findOption(kebab) != null) {
      return Optional.of(
          name
              + ": did you mean "
              + kebab
              + "? Options are written in lower case"
              + " with dashes, not as the manifest's keys.");
    }
    List<String> owners = new ArrayList<>();
    collect(cmd.getCommandSpec().root().commandLine(), name, owners);
    if (owners.isEmpty()) {
      return Optional.empty();
    }
    String where =
        String.join(", ", owners.subList(0, Math.min(LISTED, owners.size())))
            + (owners.size() > LISTED ? " and " + (owners.size() - LISTED) + " more" : "");
    if (cmd.getCommandSpec().root() == cmd.getCommandSpec()) {
      // Written before the command: name the command the user typed, when it has the option.
      String typed =
          args.stream()
              .map(a -> "`cutover " + a + "`")
              .filter(owners::contains)
              .findFirst()
              .orElse(owners.get(0));
      return Optional.of(
          name
              + " is an option of "
              + (owners.contains(typed) && owners.size() > 1 ? typed + " (and others)" : where)
              + ": write it after the command, e.g. `"
              + typed.replace("`", "")
              + " "
              + name
              + " ...`.");
    }
    return Optional.of(
        name
            + " is an option of "
            + where
            + ", not of `"
            + cmd.getCommandSpec().qualifiedName()
            + "`.");
  }

  private static void collect(CommandLine cl, String option, List<String> out) {
    Set<String> seen = new LinkedHashSet<>();
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (seen.add(sub.getCommandName()) && sub.getCommandSpec().findOption(option) != null) {
        out.add("`" + sub.getCommandSpec().qualifiedName() + "`");
      }
      collect(sub, option, out);
    }
  }
}
