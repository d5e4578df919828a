package dev.osprey.it;

import java.util.concurrent.atomic.AtomicInteger;

/** Bucket names unique within a run, so tests sharing a server never collide. */
final class Buckets {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

  private Buckets() {}

  static String unique(String purpose) {
    return ("it-" + purpose + "-" + RUN + "-" + COUNTER.incrementAndGet()).toLowerCase();
  }
}
