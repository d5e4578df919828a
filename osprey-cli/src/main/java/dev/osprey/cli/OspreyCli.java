package dev.osprey.cli;

import java.util.Set;
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
  /** The commands that log (the server's own log and access log); the others log nothing. */
  private static final Set<String> LOGGING = Set.of("server", "bench");

  public static void main(String[] args) {
    String command = args.length > 0 ? args[0] : "";
    if (LOGGING.contains(command)) {
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    } else {
      // A client command prints its results and its one-line errors itself, and the SDK's log is
      // off: skipping the logging set-up saves a tenth of a second of start-up
      // (docs/benchmarks.md).
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    int code = commandLine(command).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * The command line with every subcommand and its error reporting: one line per failure, the stack
   * trace only with {@code --debug}.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new OspreyCli()).setExecutionExceptionHandler(new ErrorReporter());
  }

  /**
   * As {@link #commandLine()}, but when {@code first} (the first argument) names a subcommand, only
   * that one is built: picocli reads every option of every command it is given by reflection, which
   * is most of a client command's start-up. Anything else (top-level help, a typo, {@code help})
   * gets them all, so listings and suggestions stay whole.
   */
  static CommandLine commandLine(String first) {
    for (Class<?> c : OspreyCli.class.getAnnotation(Command.class).subcommands()) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(first) && c != CommandLine.HelpCommand.class) {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(command.name(), c);
        return cl.setExecutionExceptionHandler(new ErrorReporter());
      }
    }
    return commandLine();
  }

  /** {@code osprey} with no subcommand of its own, for {@link #commandLine(String)} to add one. */
  @Command(
      name = "osprey",
      mixinStandardHelpOptions = true,
      versionProvider = BuildInfo.class,
      description =
          "Osprey: a self-hosted object storage server speaking the Alibaba Cloud OSS API.")
  static final class Root {}
}
