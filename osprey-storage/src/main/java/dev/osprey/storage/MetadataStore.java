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

  @Override
  void close();
}
