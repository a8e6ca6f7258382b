package io.cutover.cli;

import io.micronaut.context.annotation.Prototype;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cutover completion bash|zsh}: picocli's completion script for the command line it runs in,
 * so the repository's {@code ./cutover} completes demo, dev and bench too. picocli writes one
 * script for both shells (under zsh it loads bashcompinit itself).
 */
@Prototype
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    header = "Prints the shell completion script for cutover (bash or zsh).",
    description = {
      "Prints a script that completes cutover's commands and options in bash or zsh. Load it"
          + " in the shell's startup file (README, \"Shell completion\")."
    },
    footer = {
      "%nExample:",
      "  source <(cutover completion bash)         # in ~/.bashrc",
      "  source <(cutover completion zsh)          # in ~/.zshrc",
      ExitCodes.HELP
    })
public class CompletionCommand implements Runnable {
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
  Shell shell;

  @Override
  public void run() {
    String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
  }
}
