package dev.osprey.storage;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * Striped exclusive locks that the thread completing a commit may release for the thread that took
 * them: a request thread locks an object, hands its batch to the commit pipeline and is free; the
 * pipeline's thread unlocks once the batch is durable. {@link java.util.concurrent.locks
 * .ReentrantLock} cannot do that (only its owner may unlock), so each stripe is a {@link
 * StampedLock}'s write view. Not reentrant: a holder must not take its own stripe again.
 */
public final class HandoffLocks {
  private final Lock[] stripes;

  /**
   * @param count number of stripes, rounded up to a power of two
   */
  public HandoffLocks(int count) {
    int size = Integer.highestOneBit(Math.max(1, count - 1)) << 1;
    stripes = new Lock[size];
    for (int i = 0; i < size; i++) {
      stripes[i] = new StampedLock().asWriteLock();
    }
  }

  /** The lock guarding {@code (bucket, key)}. */
  public Lock forKey(String bucket, String key) {
    int h = bucket.hashCode() * 31 + key.hashCode();
    h ^= h >>> 16;
    return stripes[h & (stripes.length - 1)];
  }
}
