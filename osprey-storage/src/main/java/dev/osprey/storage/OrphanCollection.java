package dev.osprey.storage;

import java.time.Duration;

/**
 * How the service collects orphan blobs (blobs no record names: left by a crash between a blob's
 * sync and its commit, or by a failed delete).
 *
 * @param grace a blob untouched for less than this is never collected; it must be far longer than
 *     the time between a blob's creation and its commit can take (docs/storage.md)
 * @param interval pause between two passes of the background collector
 */
public record OrphanCollection(Duration grace, Duration interval) {
  /** One hour's grace, one pass an hour. */
  public static final OrphanCollection DEFAULT =
      new OrphanCollection(Duration.ofHours(1), Duration.ofHours(1));

  public OrphanCollection {
    if (grace == null || grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("the orphan grace period must be positive: " + grace);
    }
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the collection interval must be positive: " + interval);
    }
  }
}
