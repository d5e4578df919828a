package dev.osprey.storage;

import java.util.Locale;

/**
 * What a {@code 200} promises about durability, chosen by the operator ({@code --sync}).
 *
 * <ul>
 *   <li>{@link #ALWAYS} (the default): every acknowledged write has been fsynced, bytes and the
 *       metadata that names them; it survives {@code kill -9} and power loss.
 *   <li>{@link #NEVER}: nothing is fsynced. Each write still reaches the operating system (the WAL
 *       and blob files are written with {@code write(2)} before the answer), so it survives {@code
 *       kill -9} of the server; a power loss or kernel crash can lose the last seconds of
 *       acknowledged writes, never corrupt older ones (RocksDB replays its WAL up to the last
 *       intact record). For CI and tests, where speed matters and the machine is disposable.
 * </ul>
 *
 * <p>A timed mode ({@code batch=<duration>}: sync at most every d) was measured not to earn its
 * place: group commit already shares one sync among concurrent writers, so it would only help a
 * single writer, at the price of a third, harder to explain promise (docs/benchmarks.md).
 */
public enum SyncMode {
  ALWAYS,
  NEVER;

  /** Whether writes are fsynced before they are acknowledged. */
  public boolean durable() {
    return this == ALWAYS;
  }

  /** The name used on the command line, in the banner, {@code /health} and {@code /metrics}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code always} or {@code never} (case-insensitive). */
  public static SyncMode parse(String text) {
    for (SyncMode m : values()) {
      if (m.label().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown sync mode '" + text + "': expected 'always' or 'never'");
  }
}
