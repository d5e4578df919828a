package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.StorageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** One page of a bucket's objects: one seek, then at most {@code limit} steps (a range scan). */
final class ObjectScan {
  private ObjectScan() {}

  /**
   * Objects of {@code bucket} whose keys start with {@code prefix}, from the encoded key {@code
   * from} (inclusive; null: the start of the prefix), in key order. The cost follows the page, not
   * the bucket.
   */
  static List<ObjectRecord> page(
      RocksDB db,
      ColumnFamilyHandle objects,
      String bucket,
      String prefix,
      byte[] from,
      int limit) {
    byte[] range = ObjectKeys.encode(bucket, prefix == null ? "" : prefix);
    byte[] seek = from == null || Arrays.compareUnsigned(range, from) > 0 ? range : from;
    List<ObjectRecord> out = new ArrayList<>(Math.min(limit, 1024));
    try (ReadOptions ro = new ReadOptions();
        RocksIterator it = db.newIterator(objects, ro)) {
      for (it.seek(seek); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (!ObjectKeys.startsWith(k, range)) {
          break;
        }
        out.add(RecordCodec.decodeObject(bucket, ObjectKeys.objectKey(k), it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list objects of " + bucket, e);
    }
    return out;
  }
}
