package dev.osprey.storage;

/**
 * The metadata store's write-ahead log as its engine counts it, since the store opened. Writers
 * that commit at the same time share one WAL write and one fsync: {@code writes / syncs} is the
 * mean size of a group commit.
 */
public interface WalStatistics {
  /** Writes that went through the WAL. */
  long writes();

  /** WAL fsyncs (none under {@code --sync never}). */
  long syncs();

  /** Time spent in WAL fsyncs, in microseconds. */
  long syncMicros();

  /** Bytes written to the WAL. */
  long bytes();
}
