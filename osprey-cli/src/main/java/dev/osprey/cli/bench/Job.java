package dev.osprey.cli.bench;

import java.io.IOException;

/**
 * What one bench thread does, on its own connection and its own objects: prepare before the clock
 * starts, one timed operation per {@link #step}, checks and cleanup after the clock stops.
 */
interface Job extends AutoCloseable {
  /** Creates what the timed steps read (objects for get, head, list). Untimed. */
  default void prepare() throws IOException {}

  /** One operation: times it and records success, error or failed check in {@code t}. */
  void step(Tally t) throws IOException;

  /** Called after {@link #step} threw, before the next step: re-learn what the server holds. */
  default void recover() throws IOException {}

  /** The end-of-run checks (final lengths and CRC-64). Untimed. */
  default void verify(Tally t) throws IOException {}

  /** Removes what this job created. Untimed. */
  default void cleanup() throws IOException {}

  @Override
  void close();
}
