package dev.osprey.storage.rocks;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.HandoffLocks;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectMutation;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectState;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.SyncMode;
import dev.osprey.storage.TailChunk;
import dev.osprey.storage.UploadCompletion;
import dev.osprey.storage.UploadRecord;
import dev.osprey.storage.UserRecord;
import dev.osprey.storage.VersionCursor;
import dev.osprey.storage.VersionEntry;
import dev.osprey.storage.Versioning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * {@link MetadataStore} on embedded RocksDB: column families {@code buckets} (key: bucket name),
 * {@code objects} (key: {@link ObjectKeys}, value: {@link RecordCodec}), {@code uploads} and {@code
 * parts} (keys: {@link UploadKeys}, values: {@link UploadCodec}), {@code tails} (unfolded bytes of
 * small appends and each generation's folded length: {@link TailKeys}, {@link RocksTails}) and
 * {@code versions} (previous versions and delete markers of versioned buckets: {@link
 * RocksVersions}). A bucket never versioned never touches {@code versions}.
 *
 * <p>Atomicity comes from locks held around read + mutation + write, not from RocksDB transactions:
 * a per-key stripe serializes {@link #updateObject} on one key; a per-bucket read/write stripe lets
 * object updates run in parallel (read side) while {@link #deleteBucket} (write side) sees no
 * object appear between its emptiness check and its delete.
 *
 * <p>Durability: every write is synced to the WAL before returning (or, async, before its future
 * completes). Object writes from concurrent requests go through the {@link Committer}, one thread
 * that merges them into one WAL write + fsync (group commit); pipelined writes with the memtable
 * insert kept single-threaded measured fastest on 2-core machines (ARCHITECTURE.md). A small
 * append's bytes ride in the same batch as its record, so many appends share one WAL fsync and data
 * and metadata commit atomically.
 */
public final class RocksMetadataStore implements MetadataStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final byte[] BUCKETS_CF = "buckets".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OBJECTS_CF = "objects".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UPLOADS_CF = "uploads".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PARTS_CF = "parts".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TAILS_CF = "tails".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BLOBREFS_CF = "blobrefs".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VERSIONS_CF = "versions".getBytes(StandardCharsets.UTF_8);
  private static final int KEY_STRIPES = 4096;
  private static final int BUCKET_STRIPES = 256;

  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final WriteOptions syncWrite;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final ColumnFamilyHandle buckets;
  private final ColumnFamilyHandle objects;
  private final RocksUploads uploads;
  private final RocksTails tails;
  private final BlobRefs blobRefs;
  private final RocksVersions versions;
  private final VersionScan versionScan;
  private final VersionedObjects versioned;
  private final HandoffLocks keyLocks = new HandoffLocks(KEY_STRIPES);
  private final StampedLock[] bucketLocks = new StampedLock[BUCKET_STRIPES];
  private final AtomicBoolean closed = new AtomicBoolean();
  private final IdentityRecords identities;

  private final RocksBuckets bucketRecords;
  private final Committer committer;
  private final RocksObserver observer;

  private RocksMetadataStore(Path dir, SyncMode sync, StorageListener listener)
      throws RocksDBException {
    for (int i = 0; i < BUCKET_STRIPES; i++) {
      bucketLocks[i] = new StampedLock();
    }
    dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setEnablePipelinedWrite(true)
            .setAllowConcurrentMemtableWrite(false)
            .setMaxBackgroundJobs(2);
    observer = new RocksObserver(listener, dbOptions);
    cfOptions = new ColumnFamilyOptions();
    // Under --sync never the WAL is still written (write(2)) before a write returns, so a kill -9
    // loses nothing; only the fsync is skipped.
    syncWrite = new WriteOptions().setSync(sync.durable());
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
            new ColumnFamilyDescriptor(BUCKETS_CF, cfOptions),
            new ColumnFamilyDescriptor(OBJECTS_CF, cfOptions),
            new ColumnFamilyDescriptor(UPLOADS_CF, cfOptions),
            new ColumnFamilyDescriptor(PARTS_CF, cfOptions),
            new ColumnFamilyDescriptor(TAILS_CF, cfOptions),
            new ColumnFamilyDescriptor(BLOBREFS_CF, cfOptions),
            new ColumnFamilyDescriptor(VERSIONS_CF, cfOptions));
    db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    buckets = handles.get(1);
    objects = handles.get(2);
    blobRefs = new BlobRefs(db, handles.get(6));
    uploads = new RocksUploads(db, handles.get(3), handles.get(4), syncWrite, blobRefs);
    tails = new RocksTails(db, handles.get(5));
    versions = new RocksVersions(db, objects, handles.get(7), tails, blobRefs);
    versionScan = new VersionScan(db, objects, handles.get(7));
    versioned = new VersionedObjects(this, versions);
    identities = new IdentityRecords(db, handles.get(0), syncWrite);
    // A directory from before the index: build it once, before anyone can write or ask.
    blobRefs.buildIfAbsent(objects, handles.get(7), handles.get(4), syncWrite);
    bucketRecords = new RocksBuckets(db, buckets);
    committer = new Committer(db, syncWrite);
    observer.opened(db, objects);
  }

  /** As {@link #commit}, completing on the pipeline's thread. */
  private CompletableFuture<Void> commitAsync(WriteBatch batch) {
    return committer.writeAsync(batch);
  }

  /** Object writes go through the commit pipeline, which shares one sync among concurrent ones. */
  private void commit(WriteBatch batch) throws RocksDBException {
    committer.write(batch);
  }

  /** Opens (creating if needed) the store under {@code dir}. */
  public static RocksMetadataStore open(Path dir) {
    return open(dir, SyncMode.ALWAYS, StorageListener.NONE);
  }

  /**
   * As {@link #open(Path)}, with writes fsynced before they return only under {@code ALWAYS}, and
   * commits and the WAL's counters reported to {@code listener}.
   */
  public static RocksMetadataStore open(Path dir, SyncMode sync, StorageListener listener) {
    try {
      Files.createDirectories(dir);
      return new RocksMetadataStore(dir, sync, listener);
    } catch (RocksDBException | java.io.IOException e) {
      throw new StorageException("cannot open metadata store at " + dir, e);
    }
  }

  // ---- buckets

  @Override
  public void createBucket(BucketRecord bucket) {
    withBucketWriteLock(
        bucket.name(),
        () -> {
          if (bucketRecords.exists(bucket.name())) {
            throw new OssException(OssErrorCode.BUCKET_ALREADY_EXISTS)
                .detail("BucketName", bucket.name());
          }
          bucketRecords.put(syncWrite, bucket);
        });
  }

  /** From memory: see {@link RocksBuckets}. */
  @Override
  public Optional<BucketRecord> getBucket(String name) {
    return bucketRecords.get(name);
  }

  @Override
  public void updateBucket(BucketRecord bucket) {
    withBucketWriteLock(
        bucket.name(),
        () -> {
          requireBucket(bucket.name());
          bucketRecords.put(syncWrite, bucket);
        });
  }

  @Override
  public void deleteBucket(String name) {
    withBucketWriteLock(
        name,
        () -> {
          requireBucket(name);
          byte[] start = ObjectKeys.encode(name, "");
          try (RocksIterator it = db.newIterator(objects)) {
            it.seek(start);
            if (it.isValid() && ObjectKeys.startsWith(it.key(), start)) {
              throw new OssException(OssErrorCode.BUCKET_NOT_EMPTY).detail("BucketName", name);
            }
            it.status();
          }
          if (versions.anyIn(name)) {
            throw new OssException(OssErrorCode.BUCKET_NOT_EMPTY).detail("BucketName", name);
          }
          uploads.requireNone(name);
          bucketRecords.delete(syncWrite, name);
        });
  }

  @Override
  public List<BucketRecord> listBuckets(String prefix, String marker, int limit) {
    return bucketRecords.list(prefix, marker, limit);
  }

  // ---- objects

  @Override
  public Optional<ObjectRecord> getObject(String bucket, String key) {
    try {
      byte[] value = db.get(objects, ObjectKeys.encode(bucket, key));
      return value == null
          ? Optional.empty()
          : Optional.of(RecordCodec.decodeObject(bucket, key, value));
    } catch (RocksDBException e) {
      throw new StorageException("cannot read object " + bucket + "/" + key, e);
    }
  }

  @Override
  public ObjectChange updateObject(String bucket, String key, ObjectMutation mutation) {
    return update(bucket, key, mutation, null);
  }

  @Override
  public ObjectChange updateObject(
      String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    if (tail == null) {
      throw new IllegalArgumentException("no tail chunk");
    }
    return update(bucket, key, mutation, tail);
  }

  /** The synchronous form: waits for {@link #updateObjectAsync}, throwing what it failed with. */
  ObjectChange update(String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    try {
      return updateObjectAsync(bucket, key, mutation, tail).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new StorageException("cannot update object " + bucket + "/" + key, e.getCause());
    }
  }

  /**
   * As {@link #updateObject(String, String, ObjectMutation, TailChunk)}, returning once the batch
   * is handed to the commit pipeline: the locks are held until it is durable and released by the
   * pipeline's thread, which also completes the future.
   */
  @Override
  public CompletableFuture<ObjectChange> updateObjectAsync(
      String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    Lock bucketLock = bucketLock(bucket).asReadLock();
    Lock keyLock = keyLocks.forKey(bucket, key);
    bucketLock.lock();
    keyLock.lock();
    boolean handedOver = false;
    WriteBatch batch = null;
    try {
      Versioning versioning = existingBucket(bucket).versioning();
      Optional<ObjectRecord> before = getObject(bucket, key);
      Optional<ObjectRecord> after = mutation.apply(before);
      if (!versioning.versioned()) {
        after = after.filter(o -> !o.isDeleteMarker());
        if (tail == null && after.equals(before)) {
          return CompletableFuture.completedFuture(new ObjectChange(before, after));
        }
      }
      WriteBatch written = new WriteBatch();
      batch = written;
      ObjectChange change =
          stage(written, versioning, new ObjectRef(bucket, key), before, after, tail);
      long start = System.nanoTime();
      CompletableFuture<ObjectChange> done =
          commitAsync(written)
              .handle(
                  (ignored, failure) -> {
                    written.close();
                    if (failure == null) {
                      observer.written(new ObjectRef(bucket, key), change, start);
                    }
                    keyLock.unlock();
                    bucketLock.unlock();
                    if (failure != null) {
                      throw new StorageException(
                          "cannot update object " + bucket + "/" + key, failure);
                    }
                    return change;
                  });
      handedOver = true;
      return done;
    } catch (RocksDBException e) {
      return CompletableFuture.failedFuture(
          new StorageException("cannot update object " + bucket + "/" + key, e));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      if (!handedOver) {
        if (batch != null) {
          batch.close();
        }
        keyLock.unlock();
        bucketLock.unlock();
      }
    }
  }

  /**
   * The batch entries of one object write: as written before versioning existed in a bucket never
   * versioned, by {@link RocksVersions} otherwise.
   */
  private ObjectChange stage(
      WriteBatch batch,
      Versioning versioning,
      ObjectRef ref,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after,
      TailChunk tail)
      throws RocksDBException {
    if (versioning.versioned()) {
      return versions.onUpdate(batch, versioning, ref, before, after, tail);
    }
    byte[] rocksKey = ObjectKeys.encode(ref.bucket(), ref.key());
    if (after.isPresent()) {
      batch.put(objects, rocksKey, RecordCodec.encodeObject(after.get()));
    } else {
      batch.delete(objects, rocksKey);
    }
    tails.onUpdate(batch, before, after, tail);
    blobRefs.onObjectUpdate(batch, rocksKey, before, after);
    return new ObjectChange(before, after);
  }

  /** One RocksDB snapshot for the record, the folded length and the chunks. */
  @Override
  public Optional<ObjectState> getObjectWithTail(String bucket, String key) {
    Snapshot snapshot = db.getSnapshot();
    try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot)) {
      byte[] value = db.get(objects, ro, ObjectKeys.encode(bucket, key));
      if (value == null) {
        return Optional.empty();
      }
      ObjectRecord o = RecordCodec.decodeObject(bucket, key, value);
      byte[] marker = RocksTails.marker(o);
      long folded = tails.foldedLength(ro, marker);
      if (folded < 0) {
        return Optional.of(new ObjectState(o, o.size(), List.of()));
      }
      return Optional.of(new ObjectState(o, folded, tails.read(ro, marker, folded, o.size())));
    } catch (RocksDBException e) {
      throw new StorageException("cannot read object " + bucket + "/" + key, e);
    } finally {
      db.releaseSnapshot(snapshot);
      snapshot.close();
    }
  }

  @Override
  public OptionalLong tailStart(String bucket, String key, String blobId) {
    try (ReadOptions ro = new ReadOptions()) {
      long folded = tails.foldedLength(ro, TailKeys.marker(bucket, key, blobId));
      return folded < 0 ? OptionalLong.empty() : OptionalLong.of(folded);
    } catch (RocksDBException e) {
      throw new StorageException("cannot read the tail of " + bucket + "/" + key, e);
    }
  }

  @Override
  public boolean foldTail(String bucket, String key, String blobId, long foldedUpTo) {
    Lock keyLock = keyLocks.forKey(bucket, key);
    keyLock.lock();
    try (ReadOptions ro = new ReadOptions();
        WriteBatch batch = new WriteBatch()) {
      Optional<ObjectRecord> current = getObject(bucket, key);
      if (current.isEmpty() || !blobId.equals(current.get().blobId())) {
        return false;
      }
      byte[] marker = RocksTails.marker(current.get());
      long folded = tails.foldedLength(ro, marker);
      if (folded < 0 || foldedUpTo <= folded || foldedUpTo > current.get().size()) {
        return false;
      }
      if (!tails.fold(batch, marker, folded, foldedUpTo, current.get().size())) {
        return false;
      }
      commit(batch);
      return true;
    } catch (RocksDBException e) {
      throw new StorageException("cannot fold the tail of " + bucket + "/" + key, e);
    } finally {
      keyLock.unlock();
    }
  }

  @Override
  public List<ObjectRef> objectsWithTail() {
    try {
      return tails.objects();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list objects with a tail", e);
    }
  }

  @Override
  public List<ObjectRecord> listObjects(
      String bucket, String prefix, String startAfter, int limit) {
    byte[] from =
        startAfter == null ? null : ObjectKeys.justAfter(ObjectKeys.encode(bucket, startAfter));
    return ObjectScan.page(db, objects, bucket, prefix, from, limit);
  }

  @Override
  public List<ObjectRecord> listObjectsFrom(
      String bucket, String prefix, String startAt, int limit) {
    byte[] from = startAt == null ? null : ObjectKeys.encode(bucket, startAt);
    return ObjectScan.page(db, objects, bucket, prefix, from, limit);
  }

  // ---- versions (reads and writes by version id in VersionedObjects, rules in RocksVersions)

  @Override
  public Optional<ObjectRecord> getObjectVersion(String bucket, String key, String versionId) {
    return versioned.get(bucket, key, versionId);
  }

  @Override
  public Optional<ObjectState> getObjectVersionWithTail(
      String bucket, String key, String versionId) {
    return versioned.getWithTail(bucket, key, versionId);
  }

  @Override
  public Optional<ObjectRecord> latestDeleteMarker(String bucket, String key) {
    return versioned.latestDeleteMarker(bucket, key);
  }

  @Override
  public ObjectChange updateObjectVersion(
      String bucket, String key, String versionId, ObjectMutation mutation) {
    return versioned.update(bucket, key, versionId, mutation);
  }

  @Override
  public ObjectChange deleteObjectVersion(String bucket, String key, String versionId) {
    return versioned.delete(bucket, key, versionId);
  }

  @Override
  public List<VersionEntry> listVersions(
      String bucket, String prefix, VersionCursor from, int limit) {
    return versionScan.page(bucket, prefix, from, limit);
  }

  // ---- multipart uploads (records in RocksUploads; the locking that ties them to buckets and
  // objects stays here)

  @Override
  public void createUpload(UploadRecord upload) {
    Lock bucketLock = bucketLock(upload.bucket()).asReadLock();
    bucketLock.lock();
    try {
      requireBucket(upload.bucket());
      uploads.create(upload);
    } catch (RocksDBException e) {
      throw new StorageException("cannot record upload " + upload.uploadId(), e);
    } finally {
      bucketLock.unlock();
    }
  }

  @Override
  public Optional<UploadRecord> getUpload(String bucket, String key, String uploadId) {
    return uploads.get(bucket, key, uploadId);
  }

  @Override
  public Optional<PartRecord> putPart(UploadRecord upload, PartRecord part) {
    return uploads.putPart(upload, part);
  }

  @Override
  public List<PartRecord> listParts(UploadRecord upload, int afterPartNumber, int limit) {
    return uploads.listParts(upload, afterPartNumber, limit);
  }

  @Override
  public List<UploadRecord> listUploads(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    return uploads.list(bucket, prefix, keyMarker, uploadIdMarker, limit);
  }

  @Override
  public UploadCompletion completeUpload(UploadRecord upload, ObjectMutation mutation) {
    String bucket = upload.bucket();
    Lock bucketLock = bucketLock(bucket).asReadLock();
    Lock keyLock = keyLocks.forKey(bucket, upload.key());
    bucketLock.lock();
    keyLock.lock();
    try {
      return uploads.complete(
          upload,
          batch -> {
            Versioning versioning = existingBucket(bucket).versioning();
            Optional<ObjectRecord> before = getObject(bucket, upload.key());
            Optional<ObjectRecord> after = mutation.apply(before);
            if (!versioning.versioned() && before.isEmpty() && after.isEmpty()) {
              return new ObjectChange(before, after);
            }
            // The object replaced by the completion may have an unfolded tail: it goes with it
            // (unless it stays as a previous version).
            return stage(
                batch, versioning, new ObjectRef(bucket, upload.key()), before, after, null);
          },
          observer);
    } finally {
      keyLock.unlock();
      bucketLock.unlock();
    }
  }

  @Override
  public List<PartRecord> deleteUpload(UploadRecord upload) {
    return uploads.delete(upload);
  }

  // ---- blob references

  @Override
  public boolean isBlobReferenced(String blobId) {
    try {
      return blobRefs.isReferenced(blobId);
    } catch (RocksDBException e) {
      throw new StorageException("cannot look up blob " + blobId, e);
    }
  }

  // ---- bucket policies

  @Override
  public void putBucketPolicy(String bucket, String policy) {
    withBucketWriteLock(
        bucket,
        () -> {
          identities.putBucketPolicy(bucket, existingBucket(bucket).created(), policy);
          bucketRecords.forgetPolicy(bucket);
        });
  }

  /** From memory once read: see {@link RocksBuckets}. */
  @Override
  public Optional<String> getBucketPolicy(String bucket) {
    BucketRecord record = existingBucket(bucket);
    Optional<String> cached = bucketRecords.rememberedPolicy(bucket);
    if (cached != null) {
      return cached;
    }
    Lock lock = bucketLock(bucket).asReadLock();
    lock.lock();
    try {
      Optional<String> policy = identities.getBucketPolicy(bucket, record.created());
      bucketRecords.rememberPolicy(record, policy);
      return policy;
    } catch (RocksDBException e) {
      throw new StorageException("cannot read the policy of " + bucket, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deleteBucketPolicy(String bucket) {
    withBucketWriteLock(
        bucket,
        () -> {
          requireBucket(bucket);
          identities.deleteBucketPolicy(bucket);
          bucketRecords.forgetPolicy(bucket);
        });
  }

  // ---- RAM identities

  @Override
  public boolean createUser(UserRecord user) {
    return identities.createUser(user);
  }

  @Override
  public Optional<UserRecord> getUser(String name) {
    return identities.getUser(name);
  }

  @Override
  public List<UserRecord> listUsers() {
    return identities.listUsers();
  }

  @Override
  public boolean deleteUser(String name) {
    return identities.deleteUser(name);
  }

  @Override
  public boolean putAccessKey(AccessKeyRecord key) {
    return identities.putAccessKey(key);
  }

  @Override
  public Optional<AccessKeyRecord> getAccessKey(String accessKeyId) {
    return identities.getAccessKey(accessKeyId);
  }

  @Override
  public List<AccessKeyRecord> listAccessKeys(String userName) {
    return identities.listAccessKeys(userName);
  }

  @Override
  public boolean deleteAccessKey(String accessKeyId) {
    return identities.deleteAccessKey(accessKeyId);
  }

  @Override
  public boolean putUserPolicy(String userName, String policyName, String document) {
    return identities.putUserPolicy(userName, policyName, document);
  }

  @Override
  public SortedMap<String, String> getUserPolicies(String userName) {
    return identities.getUserPolicies(userName);
  }

  @Override
  public boolean deleteUserPolicy(String userName, String policyName) {
    return identities.deleteUserPolicy(userName, policyName);
  }

  /** The bucket's record (its creation time stamps its policy), or NoSuchBucket. */
  BucketRecord existingBucket(String name) {
    return getBucket(name)
        .orElseThrow(
            () -> new OssException(OssErrorCode.NO_SUCH_BUCKET).detail("BucketName", name));
  }

  /** One process opens a RocksDB directory (its LOCK file): the in-process locks suffice. */
  @Override
  public BlobLock lockBlob(String bucket, String key) {
    return BlobLock.NONE;
  }

  /** One process opens a RocksDB directory, so it always holds every lease. */
  @Override
  public java.util.Optional<BlobLock> tryLease(String work) {
    return java.util.Optional.of(BlobLock.NONE);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closing native handles twice would crash the JVM
    }
    committer.close();
    try {
      db.syncWal();
    } catch (RocksDBException e) {
      // Every write was already synced; this is only a final courtesy.
    }
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    syncWrite.close();
    cfOptions.close();
    dbOptions.close();
    observer.close();
  }

  // ---- helpers

  private void requireBucket(String name) throws RocksDBException {
    if (!bucketRecords.exists(name)) {
      throw new OssException(OssErrorCode.NO_SUCH_BUCKET).detail("BucketName", name);
    }
  }

  private StampedLock bucketLock(String bucket) {
    int h = bucket.hashCode();
    return bucketLocks[(h ^ (h >>> 16)) & (BUCKET_STRIPES - 1)];
  }

  interface KeyAction {
    ObjectChange run() throws RocksDBException;
  }

  /** Runs {@code action} under the bucket's read lock and the key's lock, as object updates do. */
  ObjectChange withKeyLock(String bucket, String key, KeyAction action) {
    Lock bucketLock = bucketLock(bucket).asReadLock();
    Lock keyLock = keyLocks.forKey(bucket, key);
    bucketLock.lock();
    keyLock.lock();
    try {
      ObjectChange change = action.run();
      observer.changed(new ObjectRef(bucket, key));
      return change;
    } catch (RocksDBException e) {
      throw new StorageException("cannot change a version of " + bucket + "/" + key, e);
    } finally {
      keyLock.unlock();
      bucketLock.unlock();
    }
  }

  /** Writes a batch built by a helper of this store, with this store's durability. */
  void write(WriteBatch batch) throws RocksDBException {
    commit(batch);
  }

  private interface RocksAction {
    void run() throws RocksDBException;
  }

  private void withBucketWriteLock(String name, RocksAction action) {
    Lock lock = bucketLock(name).asWriteLock();
    lock.lock();
    try {
      action.run();
    } catch (RocksDBException e) {
      throw new StorageException("bucket operation failed on " + name, e);
    } finally {
      lock.unlock();
    }
  }
}
