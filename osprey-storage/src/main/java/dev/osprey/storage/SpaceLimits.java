package dev.osprey.storage;

/**
 * How much a store may hold, and how much disk it keeps free (see {@link DiskSpace}).
 *
 * @param capacity most bytes of objects stored (their sizes); 0 for no limit
 * @param reserve bytes of disk a write that adds data must leave free; an eighth of it is also kept
 *     in a reserve file, released when the disk fills up anyway so that deletes have room; 0 for
 *     none
 */
public record SpaceLimits(long capacity, long reserve) {
  /** The reserve kept unless told otherwise: room for deletes, RocksDB's log and flushes. */
  public static final long DEFAULT_RESERVE = 64L << 20;

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
