package dev.osprey.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The live line, once a second: ops/s and MB/s over the last second, errors and failed checks so
 * far. Redrawn in place with {@code \r} on a terminal, one line per second otherwise (logs, CI).
 */
final class Progress {
  private final PrintWriter out;
  private final boolean terminal;
  private final String name;
  private long lastOps;
  private long lastBytes;
  private long lastNanos;

  Progress(PrintWriter out, boolean terminal, String name) {
    this.out = out;
    this.terminal = terminal;
    this.name = name;
  }

  void tick(List<Tally> tallies, long sinceStart) {
    long ops = 0;
    long bytes = 0;
    long errors = 0;
    long failed = 0;
    for (Tally t : tallies) {
      ops += t.ops.get();
      bytes += t.bytes.get();
      errors += t.errors.get();
      failed += t.checkFailures.get();
    }
    double seconds = (sinceStart - lastNanos) / 1e9;
    if (seconds <= 0) {
      return;
    }
    String line =
        String.format(
            Locale.ROOT,
            "%s %5.1fs  %,10.0f ops/s  %9.2f MB/s  errors %d  failed checks %d",
            name,
            sinceStart / 1e9,
            (ops - lastOps) / seconds,
            (bytes - lastBytes) / seconds / 1e6,
            errors,
            failed);
    lastOps = ops;
    lastBytes = bytes;
    lastNanos = sinceStart;
    if (terminal) {
      out.print("\r" + line + "   ");
    } else {
      out.println(line);
    }
    out.flush();
  }

  void done() {
    if (terminal && lastNanos > 0) {
      out.println();
    }
  }
}
