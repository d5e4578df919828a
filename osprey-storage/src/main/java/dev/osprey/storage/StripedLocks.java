package dev.osprey.storage;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed array of locks chosen by hash: bounded memory whatever the number of keys, at the price
 * of rare false sharing between keys that land on the same stripe.
 */
public final class StripedLocks {
  private final ReentrantLock[] stripes;

  /**
   * @param count number of stripes, rounded up to a power of two
   */
  public StripedLocks(int count) {
    int size = Integer.highestOneBit(Math.max(1, count - 1)) << 1;
    stripes = new ReentrantLock[size];
    for (int i = 0; i < size; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** The lock guarding {@code (bucket, key)}. */
  public ReentrantLock forKey(String bucket, String key) {
    int h = bucket.hashCode() * 31 + key.hashCode();
    h ^= h >>> 16;
    return stripes[h & (stripes.length - 1)];
  }
}
