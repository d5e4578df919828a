package dev.osprey.storage;

import dev.osprey.storage.file.FileDataStore;
import dev.osprey.storage.rocks.RocksMetadataStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The default single-node storage: RocksDB metadata in {@code dataDir/meta}, blob files in {@code
 * dataDir/blobs}.
 */
public final class EmbeddedStorage {
  private EmbeddedStorage() {}

  /**
   * Opens (creating if needed) storage under {@code dataDir}; closing the service closes both
   * stores.
   */
  public static ObjectService open(Path dataDir) {
    return open(dataDir, Clock.systemUTC());
  }

  /** As {@link #open(Path)}, with the clock that stamps Last-Modified and creation times. */
  public static ObjectService open(Path dataDir, Clock clock) {
    return open(dataDir, clock, OrphanCollection.DEFAULT);
  }

  /** As {@link #open(Path, Clock)}, with how orphan blobs are collected. */
  public static ObjectService open(Path dataDir, Clock clock, OrphanCollection orphans) {
    return open(dataDir, new Options(clock, orphans, SyncMode.ALWAYS));
  }

  /**
   * How embedded storage runs.
   *
   * @param clock stamps Last-Modified and creation times
   * @param orphans how blobs that no record names are collected
   * @param sync whether a write is fsynced before it is acknowledged
   * @param listener told about commits, syncs and what is stored, for metrics
   * @param space the capacity limit and the disk reserve ({@link DiskSpace})
   */
  public record Options(
      Clock clock,
      OrphanCollection orphans,
      SyncMode sync,
      StorageListener listener,
      SpaceLimits space) {
    /** Options that report to no listener. */
    public Options(Clock clock, OrphanCollection orphans, SyncMode sync) {
      this(clock, orphans, sync, StorageListener.NONE);
    }

    /** Options with no capacity limit and no reserve (the server does not wire them yet). */
    public Options(Clock clock, OrphanCollection orphans, SyncMode sync, StorageListener listener) {
      this(clock, orphans, sync, listener, SpaceLimits.NONE);
    }
  }

  /**
   * Storage over another metadata backend (e.g. PostgreSQL), blob files in {@code dataDir/blobs}:
   * the service takes ownership of {@code metadata} (closes it on close, and on a failure here).
   */
  public static ObjectService open(Path dataDir, Options options, MetadataStore metadata) {
    return open(dataDir, options, metadata, null);
  }

  /**
   * As {@link #open(Path, Options, MetadataStore)}, with object bytes in {@code data} (an
   * S3-compatible store, say) unless it is null: a node that keeps nothing of its own but keys and
   * logs. The service takes ownership of both.
   */
  public static ObjectService open(
      Path dataDir, Options options, MetadataStore metadata, DataStore data) {
    try {
      return new DefaultObjectService(
          metadata,
          data != null
              ? data
              : FileDataStore.open(dataDir.resolve("blobs"), options.sync(), options.listener()),
          options.clock(),
          options.orphans());
    } catch (RuntimeException e) {
      metadata.close();
      if (data != null) {
        data.close();
      }
      throw e;
    }
  }

  /** Opens (creating if needed) storage under {@code dataDir} with {@code options}. */
  public static ObjectService open(Path dataDir, Options options) {
    DiskSpace space = DiskSpace.open(dataDir, options.space());
    StorageListener listener = space.counting(options.listener());
    RocksMetadataStore metadata =
        RocksMetadataStore.open(dataDir.resolve("meta"), options.sync(), listener);
    try {
      return new DefaultObjectService(
          metadata,
          FileDataStore.open(dataDir.resolve("blobs"), options.sync(), listener),
          options.clock(),
          options.orphans(),
          space);
    } catch (RuntimeException e) {
      metadata.close();
      throw e;
    }
  }

  /**
   * RocksDB metadata in {@code dataDir/meta} over object bytes in {@code data} (an S3-compatible
   * store, say); closing the service closes both, and {@code data} is closed here if opening fails.
   */
  public static ObjectService open(Path dataDir, Options options, DataStore data) {
    RocksMetadataStore metadata;
    try {
      metadata =
          RocksMetadataStore.open(dataDir.resolve("meta"), options.sync(), options.listener());
    } catch (RuntimeException e) {
      data.close();
      throw e;
    }
    try {
      return new DefaultObjectService(metadata, data, options.clock(), options.orphans());
    } catch (RuntimeException e) {
      metadata.close();
      data.close();
      throw e;
    }
  }
}
