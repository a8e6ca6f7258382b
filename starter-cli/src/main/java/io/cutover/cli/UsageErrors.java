package io.cutover.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad arguments: the error, picocli's suggestions for near misses, and, for an option that belongs to
 * another command (or was written before the command), which command has it. Then a pointer to
 * --help instead of the whole usage, which would push the error off the screen.
 */
final class UsageErrors implements IParameterExceptionHandler {
  private static final int LISTED = 4;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(ex.getMessage());
    if (ex instanceof UnmatchedArgumentException unmatched) {
      UnmatchedArgumentException.printSuggestions(unmatched, err);
      for (String arg : unmatched.getUnmatched()) {
        hint(cmd, arg, List.of(args)).filter(h -> unmatched.getSuggestions().stream().noneMatch(h::contains))
            .ifPresent(err::println);
      }
    }
    err.println("See `" + cmd.getCommandSpec().qualifiedName() + " --help` for what it accepts.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** Where an unknown option {@code arg} does exist, if anywhere; {@code args} is the whole command line. */
  static java.util.Optional<String> hint(CommandLine cmd, String arg, List<String> args) {
    if (!arg.startsWith("--")) {
      return java.util.Optional.empty();
    }
    String name = arg.split("=", 2)[0];
    // A manifest key written as a flag: --lagThreshold is --lag-threshold.
    String kebab = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    if (!kebab.equals(name) && cmd.getCommandSpec().findOption(kebab) != null) {
      return java.util.Optional.of(name + ": did you mean " + kebab + "? Options are written in lower case"
          + " with dashes, not as the manifest's keys.");
    }
    List<String> owners = new ArrayList<>();
    collect(cmd.getCommandSpec().root().commandLine(), name, owners);
    if (owners.isEmpty()) {
      return java.util.Optional.empty();
    }
    String where = String.join(", ", owners.subList(0, Math.min(LISTED, owners.size())))
        + (owners.size() > LISTED ? " and " + (owners.size() - LISTED) + " more" : "");
    if (cmd.getCommandSpec().root() == cmd.getCommandSpec()) {
      // Written before the command: name the command the user typed, when it has the option.
      String typed = args.stream().map(a -> "`cutover " + a + "`").filter(owners::contains).findFirst()
          .orElse(owners.get(0));
      return java.util.Optional.of(name + " is an option of " + (owners.contains(typed) && owners.size() > 1
          ? typed + " (and others)" : where) + ": write it after the command, e.g. `"
          + typed.replace("`", "") + " " + name + " ...`.");
    }
    return java.util.Optional.of(name + " is an option of " + where + ", not of `"
        + cmd.getCommandSpec().qualifiedName() + "`.");
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
