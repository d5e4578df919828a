package dev.osprey.server.api;

/**
 * The schedule of a body sent or received under {@code x-oss-traffic-limit}: bytes may move at
 * {@code bytesPerSecond} on average since the transfer started, with one chunk of head start. Not
 * thread-safe: one transfer, one thread at a time.
 */
public final class Pace {
  private static final long NANOS = 1_000_000_000L;
  private final long bytesPerSecond;
  private final int chunk;
  private final long start = System.nanoTime();
  private long moved;

  /**
   * @param bytesPerSecond the limit, above 0
   */
  public Pace(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    // A tenth of a second per chunk keeps the rate even without many tiny writes.
    this.chunk = (int) Math.clamp(bytesPerSecond / 10, 4096L, 256L * 1024);
  }

  /** The most bytes to move in one go. */
  public int chunk() {
    return chunk;
  }

  /** How long to wait before moving {@code n} more bytes keeps the average under the limit. */
  public long waitNanos(long n) {
    long ahead = moved + n - chunk;
    if (ahead <= 0) {
      return 0;
    }
    long due = start + (long) ((double) ahead * NANOS / bytesPerSecond);
    return Math.max(0, due - System.nanoTime());
  }

  /** Records that {@code n} bytes moved. */
  public void moved(long n) {
    moved += n;
  }
}
