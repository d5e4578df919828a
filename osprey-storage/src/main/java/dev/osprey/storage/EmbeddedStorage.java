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
   */
  public record Options(
      Clock clock, OrphanCollection orphans, SyncMode sync, StorageListener listener) {
    /** Options that report to no listener. */
    public Options(Clock clock, OrphanCollection orphans, SyncMode sync) {
      this(clock, orphans, sync, StorageListener.NONE);
    }
  }

  /** Opens (creating if needed) storage under {@code dataDir} with {@code options}. */
  public static ObjectService open(Path dataDir, Options options) {
    RocksMetadataStore metadata =
        RocksMetadataStore.open(dataDir.resolve("meta"), options.sync(), options.listener());
    try {
      return new DefaultObjectService(
          metadata,
          FileDataStore.open(dataDir.resolve("blobs"), options.sync(), options.listener()),
          options.clock(),
          options.orphans());
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
