package dev.osprey.cli.bench;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer and its follower in the {@code tail} workload, on one object: when each append was
 * acknowledged to the writer (by the position it ended at), where the writer stopped, and the
 * acknowledge → receive latency the follower measured.
 */
final class TailRun {
  private final ConcurrentHashMap<Long, Long> ackedAt = new ConcurrentHashMap<>();
  private volatile long writerEnd = -1;

  /** The writer's answer for the append ending at {@code end} arrived at {@code nanos}. */
  void acked(long end, long nanos) {
    ackedAt.put(end, nanos);
  }

  /** The writer has stopped at {@code end}. */
  void writerDone(long end) {
    writerEnd = end;
  }

  /** Where the writer stopped, or -1 while it still writes. */
  long writerEnd() {
    return writerEnd;
  }

  /** When the append ending at {@code end} was acknowledged, or null if it was not (yet). */
  Long ackedAt(long end) {
    return ackedAt.get(end);
  }
}
