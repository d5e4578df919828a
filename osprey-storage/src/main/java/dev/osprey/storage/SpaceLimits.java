package dev.osprey.storage;

/**
 * How much a store may hold, and how much disk it keeps back for deletes (see {@link DiskSpace}).
 *
 * @param capacity most bytes of objects stored (their sizes, current versions); 0 for no limit
 * @param reserve bytes of disk kept in a reserve file, released when the disk fills up so that
 *     deletes and RocksDB's recovery have room; 0 for none
 */
public record SpaceLimits(long capacity, long reserve) {
  /** The reserve kept unless told otherwise: room for RocksDB to flush its memtables and log. */
  public static final long DEFAULT_RESERVE = 32L << 20;

  /** No capacity limit, the default reserve. */
  public static final SpaceLimits DEFAULT = new SpaceLimits(0, DEFAULT_RESERVE);

  /** No limit and no reserve. */
  public static final SpaceLimits NONE = new SpaceLimits(0, 0);

  public SpaceLimits {
    if (capacity < 0 || reserve < 0) {
      throw new IllegalArgumentException("capacity and reserve must not be negative");
    }
  }
}
