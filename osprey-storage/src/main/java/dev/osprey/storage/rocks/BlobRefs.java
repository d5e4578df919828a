package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.PartRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The reverse index of referenced blobs, column family {@code blobrefs}: one empty-valued entry per
 * (blob, record that names it), keyed {@code [blob id length: 1 byte][blob id UTF-8][kind: 'o', 'v'
 * or 'p'][the naming record's own key in objects, versions or parts]}. Keyed by referrer rather
 * than counted, so entries are added and removed without reading a count, and a blob named twice
 * (tests do that) stays referenced until both names go. Entries ride in the same batch as the
 * record change, so the index is exactly as durable as the records: no extra sync.
 *
 * <p>The empty key holds the format marker, written last by {@link #buildIfAbsent} over a store
 * that has records but no index yet; until it exists nobody may trust the index.
 */
final class BlobRefs {
  private static final byte[] MARKER = new byte[0];
  private static final byte FORMAT_1 = 1;
  private static final byte OBJECT = 'o';
  private static final byte PART = 'p';
  private static final byte VERSION = 'v';
  private static final int REBUILD_BATCH = 10_000;

  private final RocksDB db;
  private final ColumnFamilyHandle refs;

  BlobRefs(RocksDB db, ColumnFamilyHandle refs) {
    this.db = db;
    this.refs = refs;
  }

  /** Whether any record names the blob: one seek. */
  boolean isReferenced(String blobId) throws RocksDBException {
    byte[] prefix = prefix(blobId);
    try (RocksIterator it = db.newIterator(refs)) {
      it.seek(prefix);
      boolean found = it.isValid() && ObjectKeys.startsWith(it.key(), prefix);
      it.status();
      return found;
    }
  }

  /** The index entries an object update implies: only when the blob id changes. */
  void onObjectUpdate(
      WriteBatch batch,
      byte[] objectKey,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after)
      throws RocksDBException {
    onRecordUpdate(batch, OBJECT, objectKey, before, after);
  }

  /**
   * The index entries a change of the previous version at {@code versionKey} implies (empty: none).
   */
  void onVersionUpdate(
      WriteBatch batch,
      byte[] versionKey,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after)
      throws RocksDBException {
    onRecordUpdate(batch, VERSION, versionKey, before, after);
  }

  private void onRecordUpdate(
      WriteBatch batch,
      byte kind,
      byte[] recordKey,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after)
      throws RocksDBException {
    String was = before.map(ObjectRecord::blobId).orElse(null);
    String now = after.map(ObjectRecord::blobId).orElse(null);
    if (Objects.equals(was, now)) {
      return;
    }
    if (was != null) {
      batch.delete(refs, key(was, kind, recordKey));
    }
    if (now != null) {
      batch.put(refs, key(now, kind, recordKey), new byte[0]);
    }
  }

  /**
   * The part record at {@code partKey} now names {@code now} (null: removed) instead of {@code
   * was}.
   */
  void onPart(WriteBatch batch, byte[] partKey, PartRecord was, PartRecord now)
      throws RocksDBException {
    String wasBlob = was == null ? null : was.blobId();
    String nowBlob = now == null ? null : now.blobId();
    if (Objects.equals(wasBlob, nowBlob)) {
      return;
    }
    if (wasBlob != null) {
      batch.delete(refs, key(wasBlob, PART, partKey));
    }
    if (nowBlob != null) {
      batch.put(refs, key(nowBlob, PART, partKey), new byte[0]);
    }
  }

  /**
   * Builds the index from the objects and parts column families when its marker is absent (a data
   * directory from before the index, or a build a crash interrupted: entries are idempotent puts).
   * Runs at open, before any writer, so it sees a still picture. The marker goes last, synced.
   *
   * @return whether a build ran
   */
  boolean buildIfAbsent(
      ColumnFamilyHandle objects,
      ColumnFamilyHandle versions,
      ColumnFamilyHandle parts,
      WriteOptions sync)
      throws RocksDBException {
    if (db.get(refs, MARKER) != null) {
      return false;
    }
    index(objects, OBJECT, sync);
    index(versions, VERSION, sync);
    index(parts, PART, sync);
    db.put(refs, sync, MARKER, new byte[] {FORMAT_1});
    return true;
  }

  private void index(ColumnFamilyHandle cf, byte kind, WriteOptions sync) throws RocksDBException {
    WriteBatch batch = new WriteBatch();
    try (RocksIterator it = db.newIterator(cf)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String blobId = blobIdOf(kind, it.key(), it.value());
        if (blobId != null) {
          batch.put(refs, key(blobId, kind, it.key()), new byte[0]);
        }
        if (batch.count() >= REBUILD_BATCH) {
          db.write(sync, batch);
          batch.close();
          batch = new WriteBatch();
        }
      }
      it.status();
      db.write(sync, batch);
    } finally {
      batch.close();
    }
  }

  private static String blobIdOf(byte kind, byte[] key, byte[] value) {
    if (kind == OBJECT) {
      return RecordCodec.decodeObject(ObjectKeys.bucket(key), ObjectKeys.objectKey(key), value)
          .blobId();
    }
    if (kind == VERSION) {
      return RecordCodec.decodeObject("", "", value).blobId();
    }
    return UploadCodec.decodePart("", 1, value).blobId();
  }

  private static byte[] prefix(String blobId) {
    byte[] id = blobId.getBytes(StandardCharsets.UTF_8);
    if (id.length == 0 || id.length > 255) {
      throw new IllegalArgumentException("blob id must be 1..255 bytes: " + blobId);
    }
    byte[] out = new byte[1 + id.length];
    out[0] = (byte) id.length;
    System.arraycopy(id, 0, out, 1, id.length);
    return out;
  }

  private static byte[] key(String blobId, byte kind, byte[] recordKey) {
    byte[] prefix = prefix(blobId);
    byte[] out = Arrays.copyOf(prefix, prefix.length + 1 + recordKey.length);
    out[prefix.length] = kind;
    System.arraycopy(recordKey, 0, out, prefix.length + 1, recordKey.length);
    return out;
  }
}
