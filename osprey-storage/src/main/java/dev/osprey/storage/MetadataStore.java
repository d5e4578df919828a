package dev.osprey.storage;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Ordered, transactional metadata: buckets, objects and multipart uploads (identities later).
 * Embedded RocksDB now, PostgreSQL later, so nothing here may assume RocksDB. Every mutating call
 * is durable when it returns (synced), unless the store was opened in a documented weaker
 * durability mode.
 *
 * <p>Keys order by their UTF-8 bytes, which is the order OSS lists in.
 */
public interface MetadataStore extends AutoCloseable {

  // ---- buckets

  /**
   * Creates the bucket; throws OssException BucketAlreadyExists if a bucket of that name exists.
   */
  void createBucket(BucketRecord bucket);

  Optional<BucketRecord> getBucket(String name);

  /** Replaces an existing bucket record; throws OssException NoSuchBucket when absent. */
  void updateBucket(BucketRecord bucket);

  /**
   * Deletes the bucket if it holds no objects, no versions or delete markers and no multipart
   * uploads, atomically with that check (spec §3.7): throws OssException NoSuchBucket or
   * BucketNotEmpty.
   */
  void deleteBucket(String name);

  /**
   * Buckets whose names start with {@code prefix} (null: any), after {@code marker} (exclusive,
   * null: from start).
   */
  List<BucketRecord> listBuckets(String prefix, String marker, int limit);

  // ---- objects

  Optional<ObjectRecord> getObject(String bucket, String key);

  /**
   * Atomically reads the object at {@code (bucket, key)}, applies {@code mutation} to it and stores
   * the result: the one primitive behind put, overwrite rules, append's compare-length-and-append,
   * tagging and delete. Racing calls on one key are serialized; the mutation may run more than once
   * on some backends, so it must be a pure function of its input. An OssException thrown by the
   * mutation aborts with nothing changed.
   *
   * @return the record before and after (either may be absent)
   */
  ObjectChange updateObject(String bucket, String key, ObjectMutation mutation);

  /**
   * Up to {@code limit} objects of the bucket whose keys start with {@code prefix} (null or empty:
   * any) and sort strictly after {@code startAfter} (null: from the start), in key order. A range
   * scan: cost follows the page, not the bucket.
   */
  List<ObjectRecord> listObjects(String bucket, String prefix, String startAfter, int limit);

  /**
   * Like {@link #listObjects} but from {@code startAt} inclusive (null: from the start). A
   * delimiter listing uses it to jump past every key under a common prefix with one seek: no
   * exclusive bound can name "just before" a key.
   */
  List<ObjectRecord> listObjectsFrom(String bucket, String prefix, String startAt, int limit);

  // ---- versions (spec §1.7, docs/versioning.md)
  //
  // In a bucket whose versioning is Enabled or Suspended, every write above keeps versions, and the
  // store (never the writer) stamps each record's ObjectVersion:
  // - a result with the current record's blob (append, tags, ACL, seal) changes that version in
  //   place;
  // - a result naming another blob (PUT, copy, multipart, symlink, an append that creates the
  //   object) is a new version: the current record stays as a previous version (its blob and tail
  //   with it), unless the new version has the null id (Suspended, or Appendable) and replaces the
  //   key's null version, which is then released;
  // - an empty result, or ObjectRecord.deleteMarker(...), adds a delete marker as the latest
  //   version (null id when Suspended) and leaves no current record.
  // In a bucket never versioned, a delete-marker result is a plain delete.
  // getObject, getObjectWithTail, listObjects and the mutations only ever see current records:
  // a key whose latest version is a delete marker has none.

  /**
   * The version of the key with that id ({@code null} for the null version), current or previous,
   * delete markers included; empty when there is none. InvalidArgument for a malformed id.
   */
  Optional<ObjectRecord> getObjectVersion(String bucket, String key, String versionId);

  /** As {@link #getObjectVersion}, with the version's tail, read as one consistent view. */
  Optional<ObjectState> getObjectVersionWithTail(String bucket, String key, String versionId);

  /**
   * The newest version of the key when it has no current record: a delete marker, or empty (no
   * version at all). Empty too when the key has a current record.
   */
  Optional<ObjectRecord> latestDeleteMarker(String bucket, String key);

  /**
   * Applies {@code mutation} to one version in place (tags, ACL); the result must keep its blob.
   * The mutation sees an empty input when there is no such version, and delete markers as they are.
   * NoSuchBucket.
   */
  ObjectChange updateObjectVersion(
      String bucket, String key, String versionId, ObjectMutation mutation);

  /**
   * Removes one version for good. When it was the latest, the next newest becomes current (or stays
   * the latest delete marker). {@code released} holds the removed version unless it was a delete
   * marker; {@code deleteMarker} holds it when it was one. Nothing changes when there is no such
   * version. NoSuchBucket.
   */
  ObjectChange deleteObjectVersion(String bucket, String key, String versionId);

  /**
   * Up to {@code limit} versions and delete markers of the bucket's keys starting with {@code
   * prefix} (null or empty: any), from {@code from}, by key in UTF-8 byte order and newest first
   * within a key. A range scan: cost follows the page.
   */
  List<VersionEntry> listVersions(String bucket, String prefix, VersionCursor from, int limit);

  // ---- multipart uploads (spec §3.8)

  /**
   * Records a new upload; throws OssException NoSuchBucket, atomically with {@link #deleteBucket}
   * (an upload never outlives its bucket).
   */
  void createUpload(UploadRecord upload);

  /** The upload with that id for {@code (bucket, key)}; empty when absent or for another key. */
  Optional<UploadRecord> getUpload(String bucket, String key, String uploadId);

  /**
   * Stores a part record, replacing the one with the same number; throws OssException NoSuchUpload
   * when the upload is gone (completed or aborted meanwhile), atomically with {@link
   * #completeUpload} and {@link #deleteUpload}.
   *
   * @return the replaced part, if any (its blob is garbage once this returns)
   */
  Optional<PartRecord> putPart(UploadRecord upload, PartRecord part);

  /**
   * Up to {@code limit} parts of the upload with numbers above {@code afterPartNumber}, ascending.
   */
  List<PartRecord> listParts(UploadRecord upload, int afterPartNumber, int limit);

  /**
   * Up to {@code limit} uploads of the bucket whose keys start with {@code prefix} (null: any), in
   * (key, upload id) order, after {@code (keyMarker, uploadIdMarker)}: with an upload id marker,
   * the uploads of {@code keyMarker} with a greater id come first; without one, listing starts at
   * the keys after {@code keyMarker} (null: from the start).
   */
  List<UploadRecord> listUploads(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit);

  /**
   * Completes an upload in one atomic commit: applies {@code mutation} to the object at the
   * upload's key (as {@link #updateObject} does), deletes the upload record and every part record.
   * Throws OssException NoSuchUpload when the upload is gone; an OssException thrown by the
   * mutation aborts with nothing changed.
   */
  UploadCompletion completeUpload(UploadRecord upload, ObjectMutation mutation);

  /**
   * Deletes the upload and all its part records atomically; throws OssException NoSuchUpload.
   *
   * @return the removed parts (their blobs are garbage once this returns)
   */
  List<PartRecord> deleteUpload(UploadRecord upload);

  // ---- tails: bytes of small appends, committed with the record, folded into the blob later
  //
  // Every object has a folded length: its blob holds [0, foldedLength), tail chunks stored here
  // hold [foldedLength, size). Rules every backend keeps, in the same atomic write as the change:
  // - when an update replaces the generation (a different blob id) or deletes the object, the old
  //   generation's tail is deleted;
  // - an update without a chunk that keeps the generation keeps its tail and folded length; it may
  //   change the size only when nothing is pending (the bytes went to the blob directly);
  // - a new generation starts fully folded (its blob holds every byte) unless created with a chunk.
  // A SQL backend implements this with a tail table keyed (bucket, key, blob id, offset) and a
  // folded-length column, in one transaction.
  //
  // Tails are part of the contract: every backend keeps them (the conformance suite runs whole).

  /**
   * As {@link #updateObject(String, String, ObjectMutation)}, and stores {@code tail} as a tail
   * chunk of the resulting generation, atomically with the record. The chunk must end exactly at
   * the new size and start where the previous size ended (or at 0 when the mutation starts a new
   * generation); otherwise IllegalArgumentException, nothing stored.
   */
  ObjectChange updateObject(String bucket, String key, ObjectMutation mutation, TailChunk tail);

  /**
   * As {@link #updateObject(String, String, ObjectMutation, TailChunk)} ({@code tail} may be null
   * here), without making the caller's thread wait for the commit: the future completes once the
   * change is durable, possibly on another thread, and fails with what the synchronous form would
   * throw. A store whose database already groups concurrent commits may complete it before
   * returning.
   */
  java.util.concurrent.CompletableFuture<ObjectChange> updateObjectAsync(
      String bucket, String key, ObjectMutation mutation, TailChunk tail);

  /**
   * The object with its folded length and the tail chunks covering the rest, read as one consistent
   * view (no fold, append or overwrite half seen). Cost follows the tail's length.
   */
  Optional<ObjectState> getObjectWithTail(String bucket, String key);

  /**
   * Where the unfolded tail of generation {@code blobId} of the object starts (its folded length),
   * or empty when that generation has no tail (its blob holds every byte, or it is gone). Cheap.
   */
  OptionalLong tailStart(String bucket, String key, String blobId);

  /**
   * Records that the blob of generation {@code blobId} now durably holds the object's bytes up to
   * {@code foldedUpTo}: deletes the tail chunks below it and advances the folded length,
   * atomically. Applies only if the object still is that generation, {@code foldedUpTo} is past the
   * current folded length, not past the size, and on a chunk boundary; otherwise changes nothing.
   *
   * @return whether it applied
   */
  boolean foldTail(String bucket, String key, String blobId, long foldedUpTo);

  /**
   * Held while one object's blob is written in place (a fold, an append straight to the blob):
   * {@link DataStore#openForAppend} cuts what lies past the committed length, so two writers of one
   * blob must never overlap, whichever process they run in. Closing it releases it.
   */
  interface BlobLock extends AutoCloseable {
    /** What a store that one process owns gives: the caller's in-process locks already suffice. */
    BlobLock NONE = () -> {};

    @Override
    void close();
  }

  /**
   * Takes the blob lock of one object, waiting for another holder, in this process or any other
   * that shares the store. A store that only one process opens at a time (the embedded one) returns
   * {@link BlobLock#NONE}; a store that several nodes share must exclude across them.
   */
  BlobLock lockBlob(String bucket, String key);

  /**
   * The lease of one piece of background work ({@code work}: "lifecycle", "orphans"), for one pass:
   * empty when another process sharing the store holds it now (that process does the pass; this one
   * skips it). Never waits. A store that one process opens always grants it.
   */
  java.util.Optional<BlobLock> tryLease(String work);

  /**
   * Every object that has a tail, for resuming folds after a restart. Cost follows the number of
   * such objects, not the number of objects.
   */
  List<ObjectRef> objectsWithTail();

  // ---- blob references: which blobs the records name, for collecting orphan blobs
  //
  // Every backend keeps, in the same atomic write as each change, the set of blob
  // ids named by object records (ObjectRecord.blobId) and part records (PartRecord.blobId): an
  // index table keyed (blob id, naming record) in RocksDB, an indexed blob-id column in SQL. It
  // must be complete from the moment the store is open (a store that predates the index builds it
  // while opening), because a blob it misses would be deleted as an orphan.

  /**
   * Whether any object or part record currently names the blob. Cheap (one index lookup). A blob id
   * is never reused, so once this turns false after having been true it stays false.
   */
  boolean isBlobReferenced(String blobId);

  // ---- bucket policies (stored with the bucket: a bucket deleted and created again has none)

  /** Stores the bucket's policy document (opaque text here); NoSuchBucket when absent. */
  void putBucketPolicy(String bucket, String policy);

  /** The bucket's policy document, empty when it has none; NoSuchBucket when absent. */
  Optional<String> getBucketPolicy(String bucket);

  /** Removes the bucket's policy (no error when it has none); NoSuchBucket when absent. */
  void deleteBucketPolicy(String bucket);

  // ---- RAM identities: users, their access keys and attached policies

  /** Creates the user; false (nothing changed) when a user of that name exists. */
  boolean createUser(UserRecord user);

  Optional<UserRecord> getUser(String name);

  /** Every user, by name. */
  List<UserRecord> listUsers();

  /** Deletes the user together with its access keys and policies, atomically; false when absent. */
  boolean deleteUser(String name);

  /**
   * Stores (creates or replaces) an access key of an existing user; false when the user is absent.
   */
  boolean putAccessKey(AccessKeyRecord key);

  Optional<AccessKeyRecord> getAccessKey(String accessKeyId);

  /** The user's access keys, by id. */
  List<AccessKeyRecord> listAccessKeys(String userName);

  /** Deletes the access key; false when absent. */
  boolean deleteAccessKey(String accessKeyId);

  /**
   * Attaches (creates or replaces) a named policy document to an existing user; false when the user
   * is absent.
   */
  boolean putUserPolicy(String userName, String policyName, String document);

  /** The user's policy documents by name (sorted); empty when none or no such user. */
  java.util.SortedMap<String, String> getUserPolicies(String userName);

  /** Detaches the policy; false when the user has no policy of that name. */
  boolean deleteUserPolicy(String userName, String policyName);

  @Override
  void close();
}
