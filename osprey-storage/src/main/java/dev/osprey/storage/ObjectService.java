package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.Limits;
import java.io.InputStream;
import java.util.Map;

/**
 * OSS semantics over storage: bucket rules, overwrite rules, the append state machine, limits.
 * Bodies arrive as blocking streams (the server feeds them from the socket with back-pressure); MD5
 * and CRC-64 are computed while streaming. Every method that returns normally has made its effect
 * durable.
 */
public interface ObjectService extends AutoCloseable {

  /** Largest object OSS accepts: 5 GiB. */
  long MAX_OBJECT_SIZE = Limits.OBJECT_BYTES;

  // ---- buckets

  /**
   * Creates a bucket (BucketAlreadyExists when taken, InvalidBucketName when the name breaks the
   * rules), with the sub-resource configurations {@code bucket} carries (e.g. the resource group
   * named at creation); it starts unversioned.
   */
  BucketRecord createBucket(BucketRecord bucket);

  /** The bucket, or NoSuchBucket. */
  BucketRecord getBucket(String name);

  BucketListing listBuckets(String prefix, String marker, int maxKeys);

  /** NoSuchBucket, BucketNotEmpty. */
  void deleteBucket(String name);

  BucketRecord putBucketAcl(String name, CannedAcl acl);

  // ---- objects

  /**
   * Stores a Normal object (overwriting any type). NoSuchBucket, InvalidDigest, FileAlreadyExists,
   * size limit.
   */
  ObjectRecord putObject(PutObjectCommand command, InputStream body);

  /**
   * Creates or replaces a Symlink object pointing at {@code command.target()} (PutSymlink): no
   * bytes of its own, attributes and tags of its own; whether the target exists is not checked.
   */
  ObjectRecord putSymlink(PutSymlinkCommand command);

  /** The object's metadata, or NoSuchKey (NoSuchBucket when the bucket is absent). */
  ObjectRecord headObject(String bucket, String key);

  /** Opens the object for reading at its current committed length. */
  OpenObject openObject(String bucket, String key);

  /**
   * Deletes the object; succeeds when it is absent (NoSuchBucket when the bucket is). In a
   * versioned bucket it adds a delete marker instead (spec §3.3).
   */
  ObjectDeletion deleteObject(String bucket, String key);

  ObjectListing listObjects(ListObjectsCommand command);

  /** Compare-length-and-append (spec §1.2). */
  ObjectRecord appendObject(AppendObjectCommand command, InputStream body);

  /**
   * As {@link #appendObject}, letting the caller's thread go while a small append waits for its
   * group commit: the future completes once the append is durable (or fails with what {@link
   * #appendObject} would throw), possibly on another thread.
   */
  default java.util.concurrent.CompletableFuture<ObjectRecord> appendObjectAsync(
      AppendObjectCommand command, InputStream body) {
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(appendObject(command, body));
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** SealAppendObject (spec §1.10). */
  ObjectRecord sealAppendObject(String bucket, String key, long position);

  /** Replaces the object's tags without touching Last-Modified. NoSuchKey. */
  ObjectRecord putObjectTags(String bucket, String key, Map<String, String> tags);

  /** Replaces the object's ACL. NoSuchKey. */
  ObjectRecord putObjectAcl(String bucket, String key, CannedAcl acl);

  // ---- archive (docs/storage-classes.md)

  /**
   * RestoreObject of one version ({@code versionId} null: the current one), judged by the service's
   * clock: a frozen (or no longer restored) object starts a restore that completes after {@code
   * delay} and then lasts {@code days}; a restored one has its restored state extended to {@code
   * days} from now. OperationNotSupported for a class that needs no restore,
   * RestoreAlreadyInProgress while a restore runs, NoSuchKey/NoSuchVersion.
   */
  RestoreResult restoreObject(
      String bucket, String key, String versionId, int days, java.time.Duration delay);

  /**
   * The clock the service stamps and judges by (Last-Modified, lifecycle, restores): readers
   * compare restore states with it.
   */
  java.time.Clock clock();

  // ---- versions (docs/versioning.md)

  /**
   * Sets the bucket's versioning to Enabled or Suspended (a bucket never goes back to unversioned).
   * NoSuchBucket.
   */
  BucketRecord putBucketVersioning(String bucket, Versioning status);

  /**
   * One version's metadata ({@code versionId} null: the current one, as {@link #headObject}).
   * NoSuchVersion when there is none; MethodNotAllowed for a delete marker.
   */
  ObjectRecord headObject(String bucket, String key, String versionId);

  /** As {@link #openObject(String, String)}, for one version (null: the current one). */
  OpenObject openObject(String bucket, String key, String versionId);

  /** Removes one version for good (spec §3.3); succeeds when there is no such version. */
  ObjectDeletion deleteObjectVersion(String bucket, String key, String versionId);

  /** As {@link #putObjectTags(String, String, Map)}, on one version (null: the current one). */
  ObjectRecord putObjectTags(String bucket, String key, String versionId, Map<String, String> tags);

  /** As {@link #putObjectAcl(String, String, CannedAcl)}, on one version (null: current). */
  ObjectRecord putObjectAcl(String bucket, String key, String versionId, CannedAcl acl);

  /** One page of ListObjectVersions. NoSuchBucket. */
  VersionListing listObjectVersions(ListVersionsCommand command);

  // ---- bucket sub-resource configurations (BucketRecord#configs)

  /**
   * Stores the bucket's named sub-resource configuration (a document its handler validated), or
   * removes it when {@code document} is null (no error when there was none). NoSuchBucket.
   */
  BucketRecord putBucketConfig(String bucket, String configName, String document);

  // ---- lifecycle (docs/lifecycle.md)

  /** Stores the bucket's lifecycle configuration (XML, validated by the caller). NoSuchBucket. */
  default BucketRecord putBucketLifecycle(String bucket, String configuration) {
    return putBucketConfig(bucket, BucketRecord.LIFECYCLE, configuration);
  }

  /**
   * One pass of the lifecycle rules of every bucket, by the service's clock (the server runs it
   * periodically; tests call it after setting the clock).
   *
   * @return how many actions it took
   */
  int applyLifecycle();

  /** Removes the bucket's lifecycle configuration (no error when none). NoSuchBucket. */
  default BucketRecord deleteBucketLifecycle(String bucket) {
    return putBucketConfig(bucket, BucketRecord.LIFECYCLE, null);
  }

  // ---- multipart upload (spec §3.8) and copy (spec §3.2)

  /** Starts an upload. NoSuchBucket; FileAlreadyExists with forbid-overwrite. */
  UploadRecord initiateMultipartUpload(InitiateUploadCommand command);

  /**
   * Stores one part (replacing an earlier upload of the same number), streamed and synced before
   * its record commits. NoSuchUpload (checked before the body is read), InvalidDigest,
   * EntityTooLarge past 5 GiB.
   */
  PartRecord uploadPart(UploadPartCommand command, InputStream body);

  /**
   * Assembles the chosen parts into a Multipart object and ends the upload. NoSuchUpload,
   * InvalidPartOrder, InvalidPart, EntityTooSmall, FileAlreadyExists.
   */
  ObjectRecord completeMultipartUpload(CompleteUploadCommand command);

  /** Ends the upload and deletes its parts. NoSuchUpload. */
  void abortMultipartUpload(String bucket, String key, String uploadId);

  /** One page of an upload's parts. NoSuchUpload. */
  PartListing listParts(ListPartsCommand command);

  /** One page of a bucket's uploads in progress. NoSuchBucket. */
  UploadListing listMultipartUploads(ListUploadsCommand command);

  /**
   * Copies an object (onto itself: updates its metadata). NoSuchBucket, NoSuchKey for the source,
   * PreconditionFailed/NotModified from the source conditions, FileAlreadyExists.
   */
  ObjectRecord copyObject(CopyObjectCommand command);

  // ---- bucket policies

  /** Stores the bucket's policy document (validated by the caller). NoSuchBucket. */
  void putBucketPolicy(String bucket, String policy);

  /** The bucket's policy document, empty when none. NoSuchBucket. */
  java.util.Optional<String> getBucketPolicy(String bucket);

  /** Removes the bucket's policy; no error when there is none. NoSuchBucket. */
  void deleteBucketPolicy(String bucket);

  /**
   * The metadata store underneath, for server components that keep their own records beside buckets
   * and objects (RAM users, access keys, policies).
   */
  MetadataStore metadata();

  @Override
  void close();

  /** Room for writes: the capacity limit and the disk's state (unlimited unless opened so). */
  default DiskSpace diskSpace() {
    return DiskSpace.UNLIMITED;
  }
}
