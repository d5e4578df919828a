package dev.osprey.it;

import dev.osprey.cli.OspreyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs an {@code osprey} client command in-process, capturing what it prints. */
final class Cli {
  /** What a command returned and printed. */
  record Result(int code, String out, String err) {}

  private Cli() {}

  /** Runs {@code args} against the shared server with its root key. */
  static Result run(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(
        List.of(
            "--endpoint",
            SharedServer.get().endpoint(),
            "--access-key-id",
            SharedServer.ACCESS_KEY_ID,
            "--access-key-secret",
            SharedServer.ACCESS_KEY_SECRET));
    return bare(all.toArray(String[]::new));
  }

  /** Runs {@code args} exactly as given. */
  static Result bare(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = OspreyCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
