package dev.osprey.storage;

import java.util.List;

/**
 * What storage tells whoever measures it (the server's {@code /metrics}). Called on the writing
 * thread right after the event, so an implementation must be cheap and must not throw; the no-op
 * defaults let a listener pick what it needs.
 */
public interface StorageListener {
  /** Listens to nothing. */
  StorageListener NONE = new StorageListener() {};

  /**
   * Object updates made durable by one metadata write: its WAL write, and under {@code --sync
   * always} its fsync, which RocksDB shares between writers that commit at the same time (group
   * commit; see {@link WalStatistics} for the groups themselves).
   *
   * @param changes the records before and after, one per object updated by the write
   * @param nanos how long the write took, waiting for its group's fsync included
   */
  default void metadataWritten(List<ObjectChange> changes, long nanos) {}

  /**
   * An object's current record changed (written, appended to, sealed, replaced, deleted) and the
   * change is durable and visible to readers: called after every object commit, with or without
   * measurement, from the thread that completed the commit (the commit pipeline's, for appends).
   * The server's live tail wakes its waiters here; it must only hand work elsewhere.
   */
  default void objectChanged(ObjectRef object) {}

  /**
   * Another node sharing the metadata store changed a bucket's record, policy or configuration
   * ({@code bucket}), or possibly any bucket ({@code null}: notices may have been missed). Only a
   * store that several nodes share calls it; it must only hand work elsewhere.
   */
  default void bucketChanged(String bucket) {}

  /**
   * Another node sharing the metadata store changed RAM users, access keys or user policies (or may
   * have: notices may have been missed). Only a store that several nodes share calls it.
   */
  default void identityChanged() {}

  /** A blob's bytes (and, for a new blob, its name) were fsynced, taking {@code nanos}. */
  default void blobSynced(long nanos) {}

  /**
   * The objects and bytes stored when the store opened, counted before any write could happen;
   * {@link #metadataWritten} reports every change after it.
   */
  default void objectsCounted(long objects, long bytes) {}

  /** Once, when the store opens: the write-ahead log's own counters, to be read at will. */
  default void walStatistics(WalStatistics statistics) {}

  /** Tells {@code first}, then {@code second}, of everything. */
  static StorageListener both(StorageListener first, StorageListener second) {
    return new StorageListener() {
      @Override
      public void metadataWritten(List<ObjectChange> changes, long nanos) {
        first.metadataWritten(changes, nanos);
        second.metadataWritten(changes, nanos);
      }

      @Override
      public void objectChanged(ObjectRef object) {
        first.objectChanged(object);
        second.objectChanged(object);
      }

      @Override
      public void bucketChanged(String bucket) {
        first.bucketChanged(bucket);
        second.bucketChanged(bucket);
      }

      @Override
      public void identityChanged() {
        first.identityChanged();
        second.identityChanged();
      }

      @Override
      public void blobSynced(long nanos) {
        first.blobSynced(nanos);
        second.blobSynced(nanos);
      }

      @Override
      public void objectsCounted(long objects, long bytes) {
        first.objectsCounted(objects, bytes);
        second.objectsCounted(objects, bytes);
      }

      @Override
      public void walStatistics(WalStatistics statistics) {
        first.walStatistics(statistics);
        second.walStatistics(statistics);
      }
    };
  }
}
