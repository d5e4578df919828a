package dev.osprey.storage.rocks;

import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Bucket records (column family {@code buckets}) and the memory that serves them. Every record is
 * loaded at open and the map changes only after its write succeeded, under the bucket's write lock
 * held by {@link RocksMetadataStore}: it always equals what the store holds, so a request's bucket
 * lookups (existence, ACL) never leave memory. There are few buckets (OSS's default quota is 100
 * per account), so all of them fit. Bucket policies are remembered once read (filled under the
 * bucket's read lock, dropped under its write lock, so a reader never puts back a policy a writer
 * just replaced); at most one entry per existing bucket.
 */
final class RocksBuckets {
  private final RocksDB db;
  private final ColumnFamilyHandle cf;
  private final ConcurrentHashMap<String, BucketRecord> records = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Optional<String>> policies = new ConcurrentHashMap<>();

  RocksBuckets(RocksDB db, ColumnFamilyHandle cf) {
    this.db = db;
    this.cf = cf;
    try (RocksIterator it = db.newIterator(cf)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        String name = new String(it.key(), StandardCharsets.UTF_8);
        records.put(name, RecordCodec.decodeBucket(name, it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot load the bucket records", e);
    }
  }

  Optional<BucketRecord> get(String name) {
    return Optional.ofNullable(records.get(name));
  }

  boolean exists(String name) {
    return records.containsKey(name);
  }

  /** Writes the record; the caller holds the bucket's write lock. */
  void put(WriteOptions write, BucketRecord bucket) throws RocksDBException {
    db.put(cf, write, utf8(bucket.name()), RecordCodec.encodeBucket(bucket));
    records.put(bucket.name(), bucket);
    policies.remove(bucket.name());
  }

  /** Deletes the record; the caller holds the bucket's write lock. */
  void delete(WriteOptions write, String name) throws RocksDBException {
    db.delete(cf, write, utf8(name));
    records.remove(name);
    policies.remove(name);
  }

  /** The remembered policy of {@code bucket} (empty inside: it has none), or null if not read. */
  Optional<String> rememberedPolicy(String bucket) {
    return policies.get(bucket);
  }

  /** Remembers a policy read under the bucket's read lock, unless its record changed meanwhile. */
  void rememberPolicy(BucketRecord readFor, Optional<String> policy) {
    if (records.get(readFor.name()) == readFor) {
      policies.put(readFor.name(), policy);
    }
  }

  /** The policy changed; the caller holds the bucket's write lock. */
  void forgetPolicy(String bucket) {
    policies.remove(bucket);
  }

  List<BucketRecord> list(String prefix, String marker, int limit) {
    byte[] from = marker == null ? null : ObjectKeys.justAfter(utf8(marker));
    byte[] pre = prefix == null ? new byte[0] : utf8(prefix);
    if (from == null || Arrays.compareUnsigned(pre, from) > 0) {
      from = pre;
    }
    List<BucketRecord> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(cf)) {
      for (it.seek(from); it.isValid() && out.size() < limit; it.next()) {
        byte[] key = it.key();
        if (!ObjectKeys.startsWith(key, pre)) {
          break;
        }
        out.add(RecordCodec.decodeBucket(new String(key, StandardCharsets.UTF_8), it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list buckets", e);
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
