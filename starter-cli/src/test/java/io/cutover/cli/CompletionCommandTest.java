package io.cutover.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover completion bash|zsh}: a script bash accepts, which completes cutover's commands.
 */
class CompletionCommandTest {
  @TempDir Path dir;

  private String script(String shell) {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = CliRun.run(ctx, "completion", shell);
      assertEquals(0, r.exit(), r.all());
      assertEquals("", r.err());
      return r.out();
    }
  }

  private record Bash(int exit, String out) {}

  private Bash bash(String... args) throws Exception {
    Process p = new ProcessBuilder(List.of(args)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash ended");
    return new Bash(p.exitValue(), out);
  }

  @Test
  void theBashScriptParsesAndCompletesCommandsAndOptions() throws Exception {
    Path file = Files.writeString(dir.resolve("cutover.bash"), script("bash"));
    Bash syntax = bash("bash", "-n", file.toString());
    assertEquals(0, syntax.exit(), syntax.out());

    // What bash does on `cutover ex<TAB>` and `cutover execute --a<TAB>`: call the function
    // registered for
    // cutover (compopt warns outside a real completion, hence 2>/dev/null).
    String tab = " && _complete_cutover 2>/dev/null && echo \"[${COMPREPLY[*]}]\"";
    Bash run =
        bash(
            "bash",
            "-c",
            "source "
                + file
                + " && complete -p cutover"
                + " && COMP_WORDS=(cutover ex) && COMP_CWORD=1"
                + tab
                + " && COMP_WORDS=(cutover execute --a) && COMP_CWORD=2"
                + tab);
    assertEquals(0, run.exit(), run.out());
    List<String> lines = run.out().lines().toList();
    assertEquals("complete -o default -F _complete_cutover cutover", lines.get(0), run.out());
    assertEquals("[execute]", lines.get(1), run.out());
    assertTrue(lines.get(2).contains("--as"), "execute's options are completed: " + run.out());
  }

  @Test
  void zshGetsTheScriptThatLoadsBashCompletionItself() {
    String zsh = script("zsh");
    assertEquals(script("bash"), zsh);
    assertTrue(zsh.contains("bashcompinit"), zsh);
  }

  @Test
  void anotherShellIsAUsageError() {
    try (ApplicationContext ctx = ApplicationContext.run()) {
      CliRun r = CliRun.run(ctx, "completion", "fish");
      assertEquals(2, r.exit(), r.all());
      assertTrue(r.err().contains("bash, zsh"), r.err());
    }
  }
}
