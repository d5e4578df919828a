package dev.osprey.storage.rocks;

import dev.osprey.protocol.ObjectType;
import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectState;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.TailChunk;
import dev.osprey.storage.Versioning;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

/**
 * The versioning rules of {@link dev.osprey.storage.MetadataStore} as batch entries. The current
 * record of a key stays in the {@code objects} column family, so listing, reading and appending
 * current objects work as in a bucket never versioned; previous versions and delete markers live in
 * the {@code versions} column family ({@link VersionKeys}), newest first per key. A key whose
 * latest version is a delete marker has no current record. Callers hold the key's lock around read
 * + batch + write, as for any object update; nothing here writes to the database.
 *
 * <p>Invariant: a key's current record is newer (higher sequence) than each of its stored versions,
 * so "the newest stored version" is what becomes current when the current one is removed.
 */
final class RocksVersions {
  private final RocksDB db;
  private final ColumnFamilyHandle objects;
  private final ColumnFamilyHandle versions;
  private final RocksTails tails;
  private final BlobRefs blobRefs;

  /**
   * The last sequence issued: microseconds since the epoch, pushed forward past any key's newest
   * version, so ids stay unique and increasing per key even if the clock steps back.
   */
  private final AtomicLong lastSequence;

  RocksVersions(
      RocksDB db,
      ColumnFamilyHandle objects,
      ColumnFamilyHandle versions,
      RocksTails tails,
      BlobRefs blobRefs) {
    this.db = db;
    this.objects = objects;
    this.versions = versions;
    this.tails = tails;
    this.blobRefs = blobRefs;
    this.lastSequence = new AtomicLong(nowMicros());
  }

  /**
   * Adds to {@code batch} what a write in a versioned bucket implies (see MetadataStore) and
   * returns the change it makes once written.
   */
  ObjectChange onUpdate(
      WriteBatch batch,
      Versioning mode,
      ObjectRef ref,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after,
      TailChunk tail)
      throws RocksDBException {
    boolean delete = after.isEmpty() || after.get().isDeleteMarker();
    if (!delete
        && before.isPresent()
        && Objects.equals(before.get().blobId(), after.get().blobId())) {
      ObjectRecord next = after.get().withVersion(before.get().version());
      putCurrent(batch, next);
      tails.onUpdate(batch, before, Optional.of(next), tail);
      return new ObjectChange(before, Optional.of(next), List.of(), Optional.empty());
    }
    ObjectRecord template = after.orElse(null);
    String bucket = ref.bucket();
    String key = ref.key();
    Optional<ObjectRecord> newest = before.isPresent() ? before : newestStored(bucket, key);
    long sequence = nextSequence(newest.map(r -> r.version().sequence()).orElse(0L));
    boolean nullId =
        mode == Versioning.SUSPENDED || (!delete && template.type() == ObjectType.APPENDABLE);
    ObjectRecord made =
        delete
            ? marker(bucket, key, template).withVersion(new ObjectVersion(sequence, nullId, true))
            : template.withVersion(new ObjectVersion(sequence, nullId, false));
    List<ObjectRecord> released = new ArrayList<>();
    boolean beforeReleased = false;
    if (nullId) {
      // One null version per key: the new one replaces it, wherever it is.
      if (before.isPresent() && before.get().version().nullId()) {
        beforeReleased = true;
        released.add(before.get());
        tails.onUpdate(batch, before, Optional.empty(), null);
      } else {
        Optional<ObjectRecord> stored = nullStored(bucket, key);
        if (stored.isPresent()) {
          removeStored(batch, stored.get());
          tails.onUpdate(batch, stored, Optional.empty(), null);
          if (!stored.get().isDeleteMarker()) {
            released.add(stored.get());
          }
        }
      }
    }
    if (before.isPresent() && !beforeReleased) {
      putStored(batch, before.get()); // the current record stays, as a previous version
    }
    byte[] objectKey = ObjectKeys.encode(bucket, key);
    if (delete) {
      if (before.isPresent()) {
        batch.delete(objects, objectKey);
      }
      blobRefs.onObjectUpdate(batch, objectKey, before, Optional.empty());
      putStored(batch, made);
      return new ObjectChange(before, Optional.empty(), released, Optional.of(made));
    }
    batch.put(objects, objectKey, RecordCodec.encodeObject(made));
    blobRefs.onObjectUpdate(batch, objectKey, before, Optional.of(made));
    tails.onUpdate(batch, Optional.empty(), Optional.of(made), tail);
    return new ObjectChange(before, Optional.of(made), released, Optional.empty());
  }

  /**
   * Adds the permanent removal of {@code target} (the current record or a stored version) to {@code
   * batch}; the next newest version becomes current when {@code target} was the latest.
   */
  ObjectChange onRemove(WriteBatch batch, Optional<ObjectRecord> current, ObjectRecord target)
      throws RocksDBException {
    String bucket = target.bucket();
    String key = target.key();
    byte[] objectKey = ObjectKeys.encode(bucket, key);
    boolean wasCurrent = current.isPresent() && current.get().version().equals(target.version());
    Optional<ObjectRecord> after = current;
    if (wasCurrent) {
      tails.onUpdate(batch, current, Optional.empty(), null);
      after = promotable(bucket, key, null);
    } else {
      removeStored(batch, target);
      tails.onUpdate(batch, Optional.of(target), Optional.empty(), null);
      if (current.isEmpty()) {
        after = promotable(bucket, key, target);
      }
    }
    if (after.isPresent() && !after.equals(current)) {
      removeStored(batch, after.get());
      batch.put(objects, objectKey, RecordCodec.encodeObject(after.get()));
    } else if (after.isEmpty() && wasCurrent) {
      batch.delete(objects, objectKey);
    }
    blobRefs.onObjectUpdate(batch, objectKey, current, after);
    return new ObjectChange(
        current,
        after,
        target.isDeleteMarker() ? List.of() : List.of(target),
        target.isDeleteMarker() ? Optional.of(target) : Optional.empty());
  }

  /**
   * Adds the in-place change of the stored version {@code target} to {@code after} (tags, ACL) to
   * the batch; the change must keep the blob.
   */
  ObjectChange onStoredUpdate(WriteBatch batch, ObjectRecord target, Optional<ObjectRecord> after)
      throws RocksDBException {
    ObjectRecord next = after.orElseThrow().withVersion(target.version());
    if (!Objects.equals(next.blobId(), target.blobId())) {
      throw new IllegalArgumentException("a previous version changes in place only");
    }
    batch.put(versions, versionKey(next), RecordCodec.encodeObject(next));
    return new ObjectChange(Optional.of(target), Optional.of(next), List.of(), Optional.empty());
  }

  /** The version with that id, the current record included, or empty. */
  Optional<ObjectRecord> find(ReadOptions ro, String bucket, String key, String versionId)
      throws RocksDBException {
    byte[] value = db.get(objects, ro, ObjectKeys.encode(bucket, key));
    if (value != null) {
      ObjectRecord current = RecordCodec.decodeObject(bucket, key, value);
      if (current.version().hasId(versionId)) {
        return Optional.of(current);
      }
    }
    return stored(ro, bucket, key, versionId);
  }

  /** As {@link #find}, with the version's tail, all read from one snapshot. */
  Optional<ObjectState> findWithTail(String bucket, String key, String versionId)
      throws RocksDBException {
    Snapshot snapshot = db.getSnapshot();
    try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
      Optional<ObjectRecord> found = find(ro, bucket, key, versionId);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      ObjectRecord o = found.get();
      byte[] marker = RocksTails.marker(o);
      long folded = o.isDeleteMarker() ? -1 : tails.foldedLength(ro, marker);
      if (folded < 0) {
        return Optional.of(new ObjectState(o, o.size(), List.of()));
      }
      return Optional.of(new ObjectState(o, folded, tails.read(ro, marker, folded, o.size())));
    } finally {
      db.releaseSnapshot(snapshot);
      snapshot.close();
    }
  }

  /** The stored version with that id, or empty. */
  Optional<ObjectRecord> stored(ReadOptions ro, String bucket, String key, String versionId)
      throws RocksDBException {
    if (ObjectVersion.isNullId(versionId)) {
      return nullStored(ro, bucket, key);
    }
    long sequence = ObjectVersion.sequenceOf(versionId);
    byte[] value = db.get(versions, ro, VersionKeys.version(bucket, key, sequence));
    if (value == null) {
      return Optional.empty();
    }
    ObjectRecord r = RecordCodec.decodeObject(bucket, key, value);
    return r.version().nullId() ? Optional.empty() : Optional.of(r);
  }

  /** The newest stored version of the key, or empty. */
  Optional<ObjectRecord> newestStored(String bucket, String key) throws RocksDBException {
    byte[] prefix = VersionKeys.ofKey(bucket, key);
    try (RocksIterator it = db.newIterator(versions)) {
      it.seek(prefix);
      Optional<ObjectRecord> found =
          it.isValid() && VersionKeys.isVersionOf(it.key(), prefix)
              ? Optional.of(RecordCodec.decodeObject(bucket, key, it.value()))
              : Optional.empty();
      it.status();
      return found;
    }
  }

  /** Whether the bucket has any stored version or delete marker. */
  boolean anyIn(String bucket) throws RocksDBException {
    byte[] prefix = VersionKeys.ofPrefix(bucket, "");
    try (RocksIterator it = db.newIterator(versions)) {
      it.seek(prefix);
      boolean found = it.isValid() && ObjectKeys.startsWith(it.key(), prefix);
      it.status();
      return found;
    }
  }

  private Optional<ObjectRecord> nullStored(String bucket, String key) throws RocksDBException {
    try (ReadOptions ro = new ReadOptions()) {
      return nullStored(ro, bucket, key);
    }
  }

  /** The key's stored null version: a scan of the key's versions (they are few). */
  private Optional<ObjectRecord> nullStored(ReadOptions ro, String bucket, String key)
      throws RocksDBException {
    byte[] prefix = VersionKeys.ofKey(bucket, key);
    try (RocksIterator it = db.newIterator(versions, ro)) {
      for (it.seek(prefix); it.isValid() && VersionKeys.isVersionOf(it.key(), prefix); it.next()) {
        ObjectRecord r = RecordCodec.decodeObject(bucket, key, it.value());
        if (r.version().nullId()) {
          return Optional.of(r);
        }
      }
      it.status();
    }
    return Optional.empty();
  }

  /**
   * What becomes current once the latest version goes: the newest stored version other than {@code
   * removed}, when it is an object (a delete marker stays where it is, as the latest).
   */
  private Optional<ObjectRecord> promotable(String bucket, String key, ObjectRecord removed)
      throws RocksDBException {
    byte[] prefix = VersionKeys.ofKey(bucket, key);
    try (RocksIterator it = db.newIterator(versions)) {
      for (it.seek(prefix); it.isValid() && VersionKeys.isVersionOf(it.key(), prefix); it.next()) {
        ObjectRecord r = RecordCodec.decodeObject(bucket, key, it.value());
        if (removed != null && r.version().equals(removed.version())) {
          continue;
        }
        it.status();
        return r.isDeleteMarker() ? Optional.empty() : Optional.of(r);
      }
      it.status();
    }
    return Optional.empty();
  }

  private void putCurrent(WriteBatch batch, ObjectRecord next) throws RocksDBException {
    batch.put(
        objects, ObjectKeys.encode(next.bucket(), next.key()), RecordCodec.encodeObject(next));
  }

  private void putStored(WriteBatch batch, ObjectRecord record) throws RocksDBException {
    byte[] versionKey = versionKey(record);
    batch.put(versions, versionKey, RecordCodec.encodeObject(record));
    blobRefs.onVersionUpdate(batch, versionKey, Optional.empty(), Optional.of(record));
  }

  private void removeStored(WriteBatch batch, ObjectRecord record) throws RocksDBException {
    byte[] versionKey = versionKey(record);
    batch.delete(versions, versionKey);
    blobRefs.onVersionUpdate(batch, versionKey, Optional.of(record), Optional.empty());
  }

  private long nextSequence(long newestOfKey) {
    long now = nowMicros();
    return lastSequence.updateAndGet(last -> Math.max(Math.max(last + 1, now), newestOfKey + 1));
  }

  private static byte[] versionKey(ObjectRecord r) {
    return VersionKeys.version(r.bucket(), r.key(), r.version().sequence());
  }

  /** The delete marker to store: the writer's (with its time) or one made now. */
  private static ObjectRecord marker(String bucket, String key, ObjectRecord template) {
    return template != null
        ? template
        : ObjectRecord.deleteMarker(bucket, key, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }
}
