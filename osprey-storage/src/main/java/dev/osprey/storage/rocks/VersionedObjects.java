package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectMutation;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectState;
import dev.osprey.storage.StorageException;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The version-addressed methods of {@link RocksMetadataStore} ({@code ?versionId=}): lookups, and
 * in-place changes and removals under the store's object locks, written with the store's
 * durability. The batch contents come from {@link RocksVersions}.
 */
final class VersionedObjects {
  private final RocksMetadataStore store;
  private final RocksVersions versions;

  VersionedObjects(RocksMetadataStore store, RocksVersions versions) {
    this.store = store;
    this.versions = versions;
  }

  Optional<ObjectRecord> get(String bucket, String key, String versionId) {
    try (ReadOptions ro = new ReadOptions()) {
      return versions.find(ro, bucket, key, versionId);
    } catch (RocksDBException e) {
      throw failure(bucket, key, e);
    }
  }

  Optional<ObjectState> getWithTail(String bucket, String key, String versionId) {
    try {
      return versions.findWithTail(bucket, key, versionId);
    } catch (RocksDBException e) {
      throw failure(bucket, key, e);
    }
  }

  Optional<ObjectRecord> latestDeleteMarker(String bucket, String key) {
    try {
      if (store.getObject(bucket, key).isPresent()) {
        return Optional.empty();
      }
      return versions.newestStored(bucket, key).filter(ObjectRecord::isDeleteMarker);
    } catch (RocksDBException e) {
      throw failure(bucket, key, e);
    }
  }

  /** The current version changes as any update; a previous one in place, in its own batch. */
  ObjectChange update(String bucket, String key, String versionId, ObjectMutation mutation) {
    return store.withKeyLock(
        bucket,
        key,
        () -> {
          store.existingBucket(bucket);
          Optional<ObjectRecord> current = store.getObject(bucket, key);
          if (current.isPresent() && current.get().version().hasId(versionId)) {
            return store.update(bucket, key, mutation, null);
          }
          Optional<ObjectRecord> target;
          try (ReadOptions ro = new ReadOptions()) {
            target = versions.stored(ro, bucket, key, versionId);
          }
          Optional<ObjectRecord> after = mutation.apply(target);
          if (target.isEmpty() || after.equals(target)) {
            return new ObjectChange(target, target, List.of(), Optional.empty());
          }
          try (WriteBatch batch = new WriteBatch()) {
            ObjectChange change = versions.onStoredUpdate(batch, target.get(), after);
            store.write(batch);
            return change;
          }
        });
  }

  ObjectChange delete(String bucket, String key, String versionId) {
    return store.withKeyLock(
        bucket,
        key,
        () -> {
          store.existingBucket(bucket);
          Optional<ObjectRecord> current = store.getObject(bucket, key);
          Optional<ObjectRecord> target;
          try (ReadOptions ro = new ReadOptions()) {
            target = versions.find(ro, bucket, key, versionId);
          }
          if (target.isEmpty()) {
            return new ObjectChange(current, current, List.of(), Optional.empty());
          }
          try (WriteBatch batch = new WriteBatch()) {
            ObjectChange change = versions.onRemove(batch, current, target.get());
            store.write(batch);
            return change;
          }
        });
  }

  private static StorageException failure(String bucket, String key, RocksDBException e) {
    return new StorageException("cannot read the versions of " + bucket + "/" + key, e);
  }
}
