package dev.osprey.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey completion bash|zsh}: prints the shell completion script of every command and
 * option (picocli's generator), to be sourced, e.g. {@code source <(osprey completion bash)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a completion script for bash or zsh (commands, options, their values).",
      "Enable it: source <(osprey completion bash), e.g. in ~/.bashrc;"
          + " for zsh the same line in ~/.zshrc."
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "bash",
      paramLabel = "bash|zsh",
      description = "The shell (default: ${DEFAULT-VALUE}); the script serves both.")
  String shell;

  @Override
  public Integer call() {
    if (!"bash".equals(shell) && !"zsh".equals(shell)) {
      throw new IllegalArgumentException("completion: bash or zsh, not '" + shell + "'");
    }
    // The whole tree: `osprey completion` itself is started with only its own command built.
    // zsh runs the bash script through bashcompinit, which picocli's script loads itself.
    spec.commandLine()
        .getOut()
        .print(AutoComplete.bash(spec.root().name(), OspreyCli.commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
