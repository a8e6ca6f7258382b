package io.cutover.demo;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands of README.md's quick start really work, as written. */
class ReadmeQuickStartIT {

  static List<String> quickStartCommands() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int section = lines.indexOf("## Quick start");
    assertTrue(section >= 0, "README.md has a Quick start section");
    List<String> commands = new ArrayList<>();
    boolean inBlock = false;
    for (String line : lines.subList(section + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("```")) {
        inBlock = !inBlock;
      } else if (inBlock && line.startsWith("./cutover")) {
        commands.add(line);
      }
    }
    return commands;
  }

  @Test
  void everyQuickStartCommandSucceedsAndTheDemoLosesNothing() throws Exception {
    List<String> commands = quickStartCommands();
    assertTrue(commands.contains("./cutover demo"), commands.toString());
    for (String command : commands) {
      String[] args = command.substring("./cutover".length()).trim().split("\\s+");
      try (ApplicationContext ctx = ApplicationContext.run()) {
        CommandLine cl = RepositoryCli.commandLine(ctx);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute(args[0].isEmpty() ? new String[0] : args);
        assertEquals(0, exit, command + " printed:\n" + out);
        if (command.equals("./cutover demo")) {
          String[] printed = out.toString().strip().split("\n");
          String last = printed[printed.length - 1];
          System.out.println(out);
          assertTrue(last.startsWith("RESULT fenced_ms="), last);
          assertTrue(last.contains(" lost=0 "), last);
          assertTrue(last.contains(" duplicated=0 "), last);
        }
      }
    }
  }
}
