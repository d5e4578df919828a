package dev.osprey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code osprey} command. */
@Command(
    name = "osprey",
    mixinStandardHelpOptions = true,
    versionProvider = OspreyCli.Version.class,
    description = "Osprey: a self-hosted object storage server speaking the Alibaba Cloud OSS API.",
    subcommands = {
      ServerCommand.class,
      AppendCommand.class,
      CatCommand.class,
      AdminCommand.class,
      dev.osprey.cli.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OspreyCli {

  public static void main(String[] args) {
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();
    int code = new CommandLine(new OspreyCli()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = OspreyCli.class.getPackage().getImplementationVersion();
      return new String[] {"osprey " + (v == null ? "(development build)" : v)};
    }
  }
}
