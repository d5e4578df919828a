package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.VersionCursor;
import dev.osprey.storage.VersionEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * One page of ListObjectVersions: the current records ({@code objects}) and the stored versions
 * ({@code versions}) merged by key, the current record first within a key (it is the newest). Two
 * seeks, then at most {@code limit} steps, on one snapshot.
 */
final class VersionScan {
  private final RocksDB db;
  private final ColumnFamilyHandle objects;
  private final ColumnFamilyHandle versions;

  VersionScan(RocksDB db, ColumnFamilyHandle objects, ColumnFamilyHandle versions) {
    this.db = db;
    this.objects = objects;
    this.versions = versions;
  }

  /** What a scan needs to know about where it starts, resolved against the stored versions. */
  private record Start(byte[] objectSeek, byte[] versionSeek, String partlyListedKey) {}

  List<VersionEntry> page(String bucket, String prefix, VersionCursor from, int limit) {
    String p = prefix == null ? "" : prefix;
    byte[] objectRange = ObjectKeys.encode(bucket, p);
    byte[] versionRange = VersionKeys.ofPrefix(bucket, p);
    List<VersionEntry> out = new ArrayList<>(Math.min(limit, 1024));
    Snapshot snapshot = db.getSnapshot();
    try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot);
        RocksIterator objectIt = db.newIterator(objects, ro);
        RocksIterator versionIt = db.newIterator(versions, ro)) {
      Start start = start(ro, bucket, from);
      objectIt.seek(later(objectRange, start.objectSeek()));
      versionIt.seek(later(versionRange, start.versionSeek()));
      while (out.size() < limit) {
        byte[] objectKey = keyOf(objectIt, objectRange, false);
        byte[] versionKey = keyOf(versionIt, versionRange, true);
        if (objectKey == null && versionKey == null) {
          break;
        }
        byte[] key =
            objectKey == null
                ? versionKey
                : versionKey == null || Arrays.compareUnsigned(objectKey, versionKey) <= 0
                    ? objectKey
                    : versionKey;
        String name = new String(key, StandardCharsets.UTF_8);
        boolean latest = !name.equals(start.partlyListedKey());
        if (objectKey != null && Arrays.equals(key, objectKey)) {
          out.add(
              new VersionEntry(RecordCodec.decodeObject(bucket, name, objectIt.value()), latest));
          latest = false;
          objectIt.next();
        }
        while (out.size() < limit && Arrays.equals(key, keyOf(versionIt, versionRange, true))) {
          out.add(
              new VersionEntry(RecordCodec.decodeObject(bucket, name, versionIt.value()), latest));
          latest = false;
          versionIt.next();
        }
      }
      objectIt.status();
      versionIt.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list the versions of " + bucket, e);
    } finally {
      db.releaseSnapshot(snapshot);
      snapshot.close();
    }
    return out;
  }

  private Start start(ReadOptions ro, String bucket, VersionCursor from) throws RocksDBException {
    if (from.key() == null) {
      return new Start(null, null, null);
    }
    String key = from.key();
    byte[] objectKey = ObjectKeys.encode(bucket, key);
    if (from.includeKey()) {
      return new Start(objectKey, VersionKeys.ofKey(bucket, key), null);
    }
    byte[] pastObject = ObjectKeys.justAfter(objectKey);
    Optional<Long> sequence = sequenceOf(ro, bucket, key, from.afterVersionId());
    if (sequence.isEmpty()) {
      return new Start(pastObject, VersionKeys.pastKey(bucket, key), null);
    }
    byte[] afterVersion = VersionKeys.justAfter(VersionKeys.version(bucket, key, sequence.get()));
    return new Start(pastObject, afterVersion, key);
  }

  /**
   * The sequence of the marker version: parsed from a real id, looked up for the null id (current
   * or stored); empty when there is no marker or no such null version.
   */
  private Optional<Long> sequenceOf(ReadOptions ro, String bucket, String key, String versionId)
      throws RocksDBException {
    if (versionId == null) {
      return Optional.empty();
    }
    if (!ObjectVersion.isNullId(versionId)) {
      return Optional.of(ObjectVersion.sequenceOf(versionId));
    }
    byte[] current = db.get(objects, ro, ObjectKeys.encode(bucket, key));
    if (current != null) {
      ObjectRecord r = RecordCodec.decodeObject(bucket, key, current);
      if (r.version().nullId()) {
        return Optional.of(r.version().sequence());
      }
    }
    byte[] prefix = VersionKeys.ofKey(bucket, key);
    try (RocksIterator it = db.newIterator(versions, ro)) {
      for (it.seek(prefix); it.isValid() && VersionKeys.isVersionOf(it.key(), prefix); it.next()) {
        if (RecordCodec.decodeObject(bucket, key, it.value()).version().nullId()) {
          return Optional.of(VersionKeys.sequence(it.key()));
        }
      }
      it.status();
    }
    return Optional.empty();
  }

  /** The raw object key (UTF-8) the iterator is at, or null past the range. */
  private static byte[] keyOf(RocksIterator it, byte[] range, boolean versionsFamily) {
    if (!it.isValid()) {
      return null;
    }
    byte[] k = it.key();
    if (!ObjectKeys.startsWith(k, range)) {
      return null;
    }
    if (versionsFamily) {
      return VersionKeys.objectKey(k).getBytes(StandardCharsets.UTF_8);
    }
    int start = 1 + (k[0] & 0xFF);
    return Arrays.copyOfRange(k, start, k.length);
  }

  private static byte[] later(byte[] range, byte[] seek) {
    return seek == null || Arrays.compareUnsigned(range, seek) > 0 ? range : seek;
  }
}
