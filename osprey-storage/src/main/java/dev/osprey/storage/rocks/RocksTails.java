package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.TailChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The tails column family ({@link TailKeys}): reads, and the batch entries that keep the tail rules
 * of {@link dev.osprey.storage.MetadataStore} next to an object update. Callers hold the object's
 * key lock around read + batch + write, as for any object update.
 *
 * <p>Iterations start at the folded length, never at the generation's first key: chunks below it
 * were deleted, and their tombstones would otherwise be skipped one by one until compaction.
 */
final class RocksTails {
  private final RocksDB db;
  private final ColumnFamilyHandle tails;

  RocksTails(RocksDB db, ColumnFamilyHandle tails) {
    this.db = db;
    this.tails = tails;
  }

  /** The generation's folded length, or -1 when it has no tail. */
  long foldedLength(ReadOptions ro, byte[] marker) throws RocksDBException {
    byte[] value = db.get(tails, ro, marker);
    return value == null ? -1 : TailKeys.decodeLength(value);
  }

  /**
   * Adds to {@code batch} what an object update implies for tails: the old generation's tail goes
   * when the generation changes; {@code chunk} (may be null) joins the new record's generation.
   */
  void onUpdate(
      WriteBatch batch,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after,
      TailChunk chunk)
      throws RocksDBException {
    boolean sameGeneration =
        before.isPresent()
            && after.isPresent()
            && Objects.equals(before.get().blobId(), after.get().blobId());
    long oldFolded = -1;
    byte[] oldMarker = null;
    if (before.isPresent()) {
      oldMarker = marker(before.get());
      try (ReadOptions ro = new ReadOptions()) {
        oldFolded = foldedLength(ro, oldMarker);
      }
    }
    if (!sameGeneration && oldFolded >= 0) {
      deleteGeneration(batch, oldMarker, oldFolded);
    }
    if (chunk == null) {
      if (sameGeneration && oldFolded >= 0 && after.get().size() != before.get().size()) {
        throw new IllegalStateException(
            "the size changed outside the tail while a tail is pending");
      }
      return;
    }
    ObjectRecord next = after.orElseThrow(() -> new IllegalArgumentException("no object for tail"));
    long expectedStart = sameGeneration ? before.get().size() : 0;
    if (chunk.offset() != expectedStart || chunk.end() != next.size()) {
      throw new IllegalArgumentException(
          "tail chunk [" + chunk.offset() + ", " + chunk.end() + ") does not extend the object");
    }
    byte[] marker = marker(next);
    if (!sameGeneration || oldFolded < 0) {
      batch.put(tails, marker, TailKeys.encodeLength(chunk.offset()));
    }
    batch.put(tails, TailKeys.chunk(marker, chunk.offset()), chunk.bytes());
  }

  /** The chunks of {@code [from, to)} of the generation, in order. */
  List<TailChunk> read(ReadOptions ro, byte[] marker, long from, long to) throws RocksDBException {
    List<TailChunk> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(tails, ro)) {
      for (it.seek(TailKeys.chunk(marker, from)); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!TailKeys.isChunkOf(key, marker)) {
          break;
        }
        long offset = TailKeys.chunkOffset(key);
        if (offset >= to) {
          break;
        }
        out.add(new TailChunk(offset, it.value()));
      }
      it.status();
    }
    return out;
  }

  /**
   * Adds the fold of {@code [folded, upTo)} to {@code batch}, or returns false when {@code upTo} is
   * not a chunk boundary.
   */
  boolean fold(WriteBatch batch, byte[] marker, long folded, long upTo, long size)
      throws RocksDBException {
    long end = folded;
    try (ReadOptions ro = new ReadOptions()) {
      for (TailChunk c : read(ro, marker, folded, upTo)) {
        if (c.offset() != end) {
          return false;
        }
        batch.delete(tails, TailKeys.chunk(marker, c.offset()));
        end = c.end();
      }
    }
    if (end != upTo) {
      return false;
    }
    if (upTo == size) {
      batch.delete(tails, marker);
    } else {
      batch.put(tails, marker, TailKeys.encodeLength(upTo));
    }
    return true;
  }

  /** One entry per object with a tail, found with one seek per object. */
  List<ObjectRef> objects() throws RocksDBException {
    List<ObjectRef> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(tails)) {
      it.seekToFirst();
      while (it.isValid()) {
        byte[] key = it.key();
        ObjectRef ref = TailKeys.object(key);
        if (out.isEmpty() || !out.getLast().equals(ref)) {
          out.add(ref);
        }
        byte[] marker = Arrays.copyOf(key, TailKeys.markerLength(key));
        it.seek(TailKeys.pastGeneration(marker));
      }
      it.status();
    }
    return out;
  }

  private void deleteGeneration(WriteBatch batch, byte[] marker, long folded)
      throws RocksDBException {
    try (ReadOptions ro = new ReadOptions()) {
      for (TailChunk c : read(ro, marker, folded, Long.MAX_VALUE)) {
        batch.delete(tails, TailKeys.chunk(marker, c.offset()));
      }
    }
    batch.delete(tails, marker);
  }

  static byte[] marker(ObjectRecord o) {
    return TailKeys.marker(o.bucket(), o.key(), o.blobId() == null ? "" : o.blobId());
  }
}
