package dev.osprey.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a client command prints its result: text for people, or one JSON document for scripts
 * ({@code --output-format json}). Text goes line by line; JSON is printed once, at the end.
 */
final class Output {
  private final PrintWriter out;
  private final boolean json;

  Output(CommandSpec spec, ClientOptions client) {
    this.out = spec.commandLine().getOut();
    this.json = client.json();
  }

  boolean json() {
    return json;
  }

  /** A line for people; nothing in JSON mode. */
  void text(String line) {
    if (!json) {
      out.println(line);
    }
    out.flush();
  }

  /** The result document for scripts; nothing in text mode. */
  void document(Map<String, ?> doc) {
    if (json) {
      out.println(Json.write(doc));
      out.flush();
    }
  }
}
