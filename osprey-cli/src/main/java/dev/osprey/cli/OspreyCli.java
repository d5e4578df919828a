package dev.osprey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code osprey} command. */
@Command(
    name = "osprey",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Osprey: a self-hosted object storage server speaking the Alibaba Cloud OSS API.",
    subcommands = {
      ServerCommand.class,
      AppendCommand.class,
      CatCommand.class,
      AdminCommand.class,
      dev.osprey.cli.bench.BenchCommand.class,
      MbCommand.class,
      RbCommand.class,
      LsCommand.class,
      CpCommand.class,
      RmCommand.class,
      StatCommand.class,
      DuCommand.class,
      SealCommand.class,
      PresignCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OspreyCli {

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The command line with its error reporting: one line per failure, the stack trace only with
   * {@code --debug}.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new OspreyCli()).setExecutionExceptionHandler(new ErrorReporter());
  }
}
