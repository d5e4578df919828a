package dev.osprey.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code osprey} command. */
@Command(
    name = "osprey",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Osprey: a self-hosted object storage server speaking the Alibaba Cloud OSS API.")
public final class OspreyCli {
  /** Every subcommand, in the order {@code osprey --help} lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
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
          CommandLine.HelpCommand.class);

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
    return withReporter(full());
  }

  /**
   * As {@link #commandLine()}, but when {@code first} (the first argument) names a subcommand, only
   * that one is built: picocli reads every option of every command it is given by reflection, which
   * is most of a client command's start-up. Anything else (top-level help, a typo, {@code help})
   * gets them all, so suggestions and listings stay whole.
   */
  static CommandLine commandLine(String first) {
    for (Class<?> c : COMMANDS) {
      Command command = c.getAnnotation(Command.class);
      if (command.name().equals(first) && c != CommandLine.HelpCommand.class) {
        CommandLine cl = new CommandLine(new OspreyCli());
        cl.addSubcommand(command.name(), c);
        return withReporter(cl);
      }
    }
    return commandLine();
  }

  /** The whole command tree (what completion scripts and help describe). */
  static CommandLine full() {
    CommandLine cl = new CommandLine(new OspreyCli());
    for (Class<?> c : COMMANDS) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  private static CommandLine withReporter(CommandLine cl) {
    return cl.setExecutionExceptionHandler(new ErrorReporter());
  }
}
