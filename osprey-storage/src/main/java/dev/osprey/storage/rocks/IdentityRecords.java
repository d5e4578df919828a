package dev.osprey.storage.rocks;

import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.UserRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Bucket policies and RAM identities in RocksDB's default column family, each kind under its own
 * key prefix: {@code bp\0<bucket>}, {@code u\0<user>}, {@code k\0<access key id>}, {@code
 * p\0<user>\0<policy name>}. Names never contain NUL, so a prefix scan of one user's policies
 * cannot run into another's. Identity changes are rare (administration), so one lock serializes
 * them; every write is a synced batch.
 */
final class IdentityRecords {
  private static final String BUCKET_POLICY = "bp\0";
  private static final String USER = "u\0";
  private static final String KEY = "k\0";
  private static final String POLICY = "p\0";

  private final RocksDB db;
  private final ColumnFamilyHandle cf;
  private final WriteOptions syncWrite;
  private final ReentrantLock lock = new ReentrantLock();

  IdentityRecords(RocksDB db, ColumnFamilyHandle cf, WriteOptions syncWrite) {
    this.db = db;
    this.cf = cf;
    this.syncWrite = syncWrite;
  }

  // ---- bucket policies: stamped with the bucket's creation time, so a policy left behind by a
  // deleted bucket never applies to a new bucket of the same name

  void putBucketPolicy(String bucket, Instant bucketCreated, String policy)
      throws RocksDBException {
    db.put(
        cf,
        syncWrite,
        key(BUCKET_POLICY, bucket),
        new ValueWriter()
            .writeByte(RecordCodec.VERSION_1)
            .writeSignedVarLong(bucketCreated.toEpochMilli())
            .writeString(policy)
            .toByteArray());
  }

  Optional<String> getBucketPolicy(String bucket, Instant bucketCreated) throws RocksDBException {
    byte[] value = db.get(cf, key(BUCKET_POLICY, bucket));
    if (value == null) {
      return Optional.empty();
    }
    ValueReader in = new ValueReader(value);
    in.readByte();
    long created = in.readSignedVarLong();
    String policy = in.readString();
    in.expectEnd();
    return created == bucketCreated.toEpochMilli() ? Optional.of(policy) : Optional.empty();
  }

  void deleteBucketPolicy(String bucket) throws RocksDBException {
    db.delete(cf, syncWrite, key(BUCKET_POLICY, bucket));
  }

  // ---- users

  boolean createUser(UserRecord user) {
    return locked(
        () -> {
          byte[] k = key(USER, user.name());
          if (db.get(cf, k) != null) {
            return false;
          }
          db.put(cf, syncWrite, k, encodeUser(user));
          return true;
        });
  }

  Optional<UserRecord> getUser(String name) {
    try {
      byte[] v = db.get(cf, key(USER, name));
      return v == null ? Optional.empty() : Optional.of(decodeUser(name, v));
    } catch (RocksDBException e) {
      throw new StorageException("cannot read user " + name, e);
    }
  }

  List<UserRecord> listUsers() {
    List<UserRecord> out = new ArrayList<>();
    scan(USER, (name, v) -> out.add(decodeUser(name, v)));
    return out;
  }

  boolean deleteUser(String name) {
    return locked(
        () -> {
          if (db.get(cf, key(USER, name)) == null) {
            return false;
          }
          try (WriteBatch batch = new WriteBatch()) {
            batch.delete(cf, key(USER, name));
            for (AccessKeyRecord k : listAccessKeys(name)) {
              batch.delete(cf, key(KEY, k.accessKeyId()));
            }
            for (String policy : getUserPolicies(name).keySet()) {
              batch.delete(cf, key(POLICY, name + "\0" + policy));
            }
            db.write(syncWrite, batch);
          }
          return true;
        });
  }

  // ---- access keys

  boolean putAccessKey(AccessKeyRecord k) {
    return locked(
        () -> {
          if (db.get(cf, key(USER, k.userName())) == null) {
            return false;
          }
          db.put(cf, syncWrite, key(KEY, k.accessKeyId()), encodeKey(k));
          return true;
        });
  }

  Optional<AccessKeyRecord> getAccessKey(String id) {
    try {
      byte[] v = db.get(cf, key(KEY, id));
      return v == null ? Optional.empty() : Optional.of(decodeKey(id, v));
    } catch (RocksDBException e) {
      throw new StorageException("cannot read access key", e);
    }
  }

  /** A scan of every key: users hold few keys and the whole set is small (administration data). */
  List<AccessKeyRecord> listAccessKeys(String userName) {
    List<AccessKeyRecord> out = new ArrayList<>();
    scan(
        KEY,
        (id, v) -> {
          AccessKeyRecord k = decodeKey(id, v);
          if (k.userName().equals(userName)) {
            out.add(k);
          }
        });
    return out;
  }

  boolean deleteAccessKey(String id) {
    return locked(
        () -> {
          if (db.get(cf, key(KEY, id)) == null) {
            return false;
          }
          db.delete(cf, syncWrite, key(KEY, id));
          return true;
        });
  }

  // ---- user policies

  boolean putUserPolicy(String userName, String policyName, String document) {
    return locked(
        () -> {
          if (db.get(cf, key(USER, userName)) == null) {
            return false;
          }
          db.put(
              cf,
              syncWrite,
              key(POLICY, userName + "\0" + policyName),
              document.getBytes(StandardCharsets.UTF_8));
          return true;
        });
  }

  SortedMap<String, String> getUserPolicies(String userName) {
    SortedMap<String, String> out = new TreeMap<>();
    scan(
        POLICY + userName + "\0",
        (name, v) -> out.put(name, new String(v, StandardCharsets.UTF_8)));
    return out;
  }

  boolean deleteUserPolicy(String userName, String policyName) {
    return locked(
        () -> {
          byte[] k = key(POLICY, userName + "\0" + policyName);
          if (db.get(cf, k) == null) {
            return false;
          }
          db.delete(cf, syncWrite, k);
          return true;
        });
  }

  // ---- helpers

  private interface RecordVisitor {
    void visit(String nameAfterPrefix, byte[] value);
  }

  private void scan(String prefix, RecordVisitor visitor) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    try (RocksIterator it = db.newIterator(cf)) {
      for (it.seek(p); it.isValid() && ObjectKeys.startsWith(it.key(), p); it.next()) {
        byte[] k = it.key();
        visitor.visit(
            new String(k, p.length, k.length - p.length, StandardCharsets.UTF_8), it.value());
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot scan " + prefix.replace('\0', '/'), e);
    }
  }

  private interface RocksCall {
    boolean run() throws RocksDBException;
  }

  private boolean locked(RocksCall call) {
    lock.lock();
    try {
      return call.run();
    } catch (RocksDBException e) {
      throw new StorageException("identity update failed", e);
    } finally {
      lock.unlock();
    }
  }

  private static byte[] key(String prefix, String name) {
    return (prefix + name).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encodeUser(UserRecord u) {
    return new ValueWriter()
        .writeByte(RecordCodec.VERSION_1)
        .writeString(u.userId())
        .writeSignedVarLong(u.created().toEpochMilli())
        .toByteArray();
  }

  private static UserRecord decodeUser(String name, byte[] v) {
    ValueReader in = new ValueReader(v);
    in.readByte();
    UserRecord u =
        new UserRecord(name, in.readString(), Instant.ofEpochMilli(in.readSignedVarLong()));
    in.expectEnd();
    return u;
  }

  private static byte[] encodeKey(AccessKeyRecord k) {
    return new ValueWriter()
        .writeByte(RecordCodec.VERSION_1)
        .writeString(k.userName())
        .writeString(k.sealedSecret())
        .writeByte(k.active() ? 1 : 0)
        .writeSignedVarLong(k.created().toEpochMilli())
        .toByteArray();
  }

  private static AccessKeyRecord decodeKey(String id, byte[] v) {
    ValueReader in = new ValueReader(v);
    in.readByte();
    AccessKeyRecord k =
        new AccessKeyRecord(
            id,
            in.readString(),
            in.readString(),
            in.readByte() == 1,
            Instant.ofEpochMilli(in.readSignedVarLong()));
    in.expectEnd();
    return k;
  }
}
