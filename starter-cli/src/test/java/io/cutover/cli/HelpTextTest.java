package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's --help, as a user sees it in an 80-column terminal. Commands are found, not
 * listed. The demo module runs it again over the repository's command line ({@link #commandLine}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class HelpTextTest {
  static final int WIDTH = 80;
  private ApplicationContext ctx;

  @BeforeAll
  void context() {
    ctx = ApplicationContext.run();
  }

  @AfterAll
  void close() {
    ctx.close();
  }

  /** The command line under test: the shipped one here. */
  protected CommandLine commandLine(ApplicationContext c) {
    return CutoverCli.commandLine(c);
  }

  Stream<List<String>> commands() {
    try (ApplicationContext c = ApplicationContext.run()) {
      return paths(commandLine(c)).stream();
    }
  }

  /**
   * Every command path of {@code root}, e.g. ["init"], ["bench", "history"], the top-level command
   * as [].
   */
  static List<List<String>> paths(CommandLine root) {
    List<List<String>> all = new ArrayList<>();
    collect(root, new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, out);
            });
  }

  String help(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    CliRun r = CliRun.run(commandLine(ctx), args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.all());
    return r.out();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everySummaryInACommandListIsOneCompleteSentenceOnOneLine(List<String> command) {
    CommandLine cl = commandLine(ctx);
    for (String name : command) {
      cl = cl.getSubcommands().get(name);
    }
    if (cl.getSubcommands().isEmpty()) {
      return;
    }
    List<String> lines = help(command).lines().toList();
    int list = lines.indexOf("Commands:");
    assertTrue(list >= 0, lines.toString());
    for (String sub : cl.getSubcommands().keySet()) {
      int at = -1;
      for (int i = list + 1; i < lines.size(); i++) {
        if (lines.get(i).startsWith("  " + sub + " ")) {
          at = i;
        }
      }
      assertTrue(at > 0, sub + " is listed: " + lines);
      String line = lines.get(at);
      String summary = line.substring(("  " + sub).length()).strip();
      assertTrue(summary.endsWith("."), "the summary of " + sub + " is a sentence: " + line);
      assertTrue(Character.isUpperCase(summary.charAt(0)), line);
      assertTrue(line.length() <= WIDTH, line);
      String next = at + 1 < lines.size() ? lines.get(at + 1) : "";
      assertFalse(
          next.startsWith("   ") && !next.isBlank(),
          "the summary of " + sub + " does not wrap: " + line + "\n" + next);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpWithAnExampleAndTheExitCodes(List<String> command) {
    String help = help(command);
    assertTrue(help.contains("Example"), command + " help has an example: " + help);
    assertTrue(help.contains("Exit codes"), command + " help lists exit codes");
    assertTrue(
        help.contains("--verbose"), command + " help says how to see the trace of a failure");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void noHelpLineIsWiderThanTheTerminalAndNoExampleIsBrokenAcrossLines(List<String> command) {
    String help = help(command);
    help.lines().forEach(l -> assertTrue(l.length() <= WIDTH, "fits " + WIDTH + " columns: " + l));
    List<String> examples =
        help.lines().filter(l -> l.startsWith("  cutover ") || l.contains(" cutover ")).toList();
    CommandLine cl = commandLine(ctx);
    for (String name : command) {
      cl = cl.getSubcommands().get(name);
    }
    for (String footer : cl.getCommandSpec().usageMessage().footer()) {
      if (footer.strip().startsWith("cutover ") || footer.contains(" cutover ")) {
        assertTrue(
            examples.contains(footer), "example shown on one line: " + footer + "\nin:\n" + help);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyOptionSaysWhatKindOfValueItTakes(List<String> command) {
    String help = help(command);
    assertFalse(
        java.util.regex.Pattern.compile("--[a-z-]+\\[?=<").matcher(help).find(),
        "a value label such as DURATION, not a field name: " + help);
  }
}
