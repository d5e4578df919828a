package dev.osprey.cli.bench;

import java.io.Console;

/** Whether the process talks to a terminal, so that a progress line may be redrawn in place. */
final class Terminal {
  private Terminal() {}

  static boolean attached() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // Since JDK 22 System.console() is non-null even when redirected; isTerminal() tells (the build
    // targets 21, so it is looked up rather than called).
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
