package dev.osprey.storage;

import java.util.List;
import java.util.Optional;

/**
 * Ordered, transactional metadata: buckets and objects (uploads and identities later). Embedded
 * RocksDB now, PostgreSQL later, so nothing here may assume RocksDB. Every mutating call is durable
 * when it returns (synced), unless the store was opened in a documented weaker durability mode.
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
   * Deletes the bucket if it holds no objects, atomically with that check: throws OssException
   * NoSuchBucket or BucketNotEmpty.
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

  // ---- bucket policies (stored with the bucket: a bucket deleted and created again has none)

  /** Stores the bucket's policy document (opaque text here); NoSuchBucket when absent. */
  default void putBucketPolicy(String bucket, String policy) {
    throw unsupported();
  }

  /** The bucket's policy document, empty when it has none; NoSuchBucket when absent. */
  default Optional<String> getBucketPolicy(String bucket) {
    throw unsupported();
  }

  /** Removes the bucket's policy (no error when it has none); NoSuchBucket when absent. */
  default void deleteBucketPolicy(String bucket) {
    throw unsupported();
  }

  // ---- RAM identities: users, their access keys and attached policies

  /** Creates the user; false (nothing changed) when a user of that name exists. */
  default boolean createUser(UserRecord user) {
    throw unsupported();
  }

  default Optional<UserRecord> getUser(String name) {
    throw unsupported();
  }

  /** Every user, by name. */
  default List<UserRecord> listUsers() {
    throw unsupported();
  }

  /** Deletes the user together with its access keys and policies, atomically; false when absent. */
  default boolean deleteUser(String name) {
    throw unsupported();
  }

  /**
   * Stores (creates or replaces) an access key of an existing user; false when the user is absent.
   */
  default boolean putAccessKey(AccessKeyRecord key) {
    throw unsupported();
  }

  default Optional<AccessKeyRecord> getAccessKey(String accessKeyId) {
    throw unsupported();
  }

  /** The user's access keys, by id. */
  default List<AccessKeyRecord> listAccessKeys(String userName) {
    throw unsupported();
  }

  /** Deletes the access key; false when absent. */
  default boolean deleteAccessKey(String accessKeyId) {
    throw unsupported();
  }

  /**
   * Attaches (creates or replaces) a named policy document to an existing user; false when the user
   * is absent.
   */
  default boolean putUserPolicy(String userName, String policyName, String document) {
    throw unsupported();
  }

  /** The user's policy documents by name (sorted); empty when none or no such user. */
  default java.util.SortedMap<String, String> getUserPolicies(String userName) {
    throw unsupported();
  }

  /** Detaches the policy; false when the user has no policy of that name. */
  default boolean deleteUserPolicy(String userName, String policyName) {
    throw unsupported();
  }

  /**
   * The identity and policy methods have defaults so that wrappers and test doubles written before
   * them still compile; every real backend overrides them and passes the conformance suite.
   */
  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("not supported by this metadata backend");
  }

  @Override
  void close();
}
