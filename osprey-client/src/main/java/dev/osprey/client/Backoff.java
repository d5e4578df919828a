package dev.osprey.client;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The waits of one {@link RetryPolicy} between attempts to reach a server that went away. One
 * instance per operation; {@link #reset} after a request got through.
 */
final class Backoff {
  private final RetryPolicy policy;
  private long failingSince = -1;
  private Duration next;

  Backoff(RetryPolicy policy) {
    this.policy = policy;
    this.next = policy.firstPause();
  }

  /**
   * Sleeps before the next attempt; false (without sleeping) once failures have gone on for the
   * policy's {@code giveUpAfter}.
   */
  boolean pause() throws InterruptedIOException {
    long now = System.nanoTime();
    if (failingSince < 0) {
      failingSince = now;
    }
    if (now - failingSince >= policy.giveUpAfter().toNanos()) {
      return false;
    }
    try {
      Thread.sleep(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException io = new InterruptedIOException("interrupted while waiting to retry");
      io.initCause(e);
      throw io;
    }
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(policy.maxPause()) > 0 ? policy.maxPause() : doubled;
    return true;
  }

  /** A request got through: the next failure starts a fresh round. */
  void reset() {
    failingSince = -1;
    next = policy.firstPause();
  }
}
