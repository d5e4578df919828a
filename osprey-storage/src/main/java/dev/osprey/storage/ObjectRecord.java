package dev.osprey.storage;

import dev.osprey.protocol.ObjectType;
import java.time.Instant;

/**
 * An object's metadata as stored: what makes its bytes visible.
 *
 * @param bucket bucket name
 * @param key object key
 * @param type Normal, Appendable or Multipart
 * @param size committed length in bytes: readers never see past it
 * @param crc64 CRC-64/XZ of the first {@code size} bytes (a running value for appendable objects)
 * @param etag ETag without quotes, upper-case hex (MD5 for Normal objects)
 * @param contentMd5 base64 MD5 for Normal objects, null otherwise
 * @param lastModified last modification (millisecond precision)
 * @param attributes content headers, user metadata, ACL, storage class, tags
 * @param blobId where the bytes live in the {@link DataStore}; a fresh id per generation (each
 *     overwrite)
 * @param sealedTime when SealAppendObject first sealed it, or null
 * @param symlinkTarget the key a Symlink object points to (PutSymlink), null for other types
 * @param version which version of the key this is; assigned by the metadata store, {@link
 *     ObjectVersion#UNVERSIONED} in a bucket never versioned
 * @param restore the last RestoreObject of an archived object, null when never restored (any write
 *     of new bytes starts without one)
 */
public record ObjectRecord(
    String bucket,
    String key,
    ObjectType type,
    long size,
    long crc64,
    String etag,
    String contentMd5,
    Instant lastModified,
    ObjectAttributes attributes,
    String blobId,
    Instant sealedTime,
    String symlinkTarget,
    ObjectVersion version,
    RestoreState restore) {

  public ObjectRecord {
    version = version == null ? ObjectVersion.UNVERSIONED : version;
  }

  /** A record that was never restored. */
  public ObjectRecord(
      String bucket,
      String key,
      ObjectType type,
      long size,
      long crc64,
      String etag,
      String contentMd5,
      Instant lastModified,
      ObjectAttributes attributes,
      String blobId,
      Instant sealedTime,
      String symlinkTarget,
      ObjectVersion version) {
    this(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealedTime,
        symlinkTarget,
        version,
        null);
  }

  /** A record whose version the metadata store will assign. */
  public ObjectRecord(
      String bucket,
      String key,
      ObjectType type,
      long size,
      long crc64,
      String etag,
      String contentMd5,
      Instant lastModified,
      ObjectAttributes attributes,
      String blobId,
      Instant sealedTime,
      String symlinkTarget) {
    this(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealedTime,
        symlinkTarget,
        ObjectVersion.UNVERSIONED);
  }

  /** A record of any type but Symlink. */
  public ObjectRecord(
      String bucket,
      String key,
      ObjectType type,
      long size,
      long crc64,
      String etag,
      String contentMd5,
      Instant lastModified,
      ObjectAttributes attributes,
      String blobId,
      Instant sealedTime) {
    this(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealedTime,
        null);
  }

  public ObjectRecord withAttributes(ObjectAttributes newAttributes) {
    return new ObjectRecord(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        newAttributes,
        blobId,
        sealedTime,
        symlinkTarget,
        version,
        restore);
  }

  /** The same record as version {@code v} (the metadata store stamps versions with it). */
  public ObjectRecord withVersion(ObjectVersion v) {
    return new ObjectRecord(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealedTime,
        symlinkTarget,
        v,
        restore);
  }

  /** The same record with the restore state {@code r} (RestoreObject). */
  public ObjectRecord withRestore(RestoreState r) {
    return new ObjectRecord(
        bucket,
        key,
        type,
        size,
        crc64,
        etag,
        contentMd5,
        lastModified,
        attributes,
        blobId,
        sealedTime,
        symlinkTarget,
        version,
        r);
  }

  /**
   * Whether the bytes may be read at {@code now}: always, except for an archived object (Archive,
   * Cold Archive, Deep Cold Archive) outside its restored state. A symlink has no bytes of its own.
   */
  public boolean readableAt(Instant now) {
    return type == ObjectType.SYMLINK
        || !attributes.storageClass().needsRestore()
        || restore != null && restore.restored(now);
  }

  /** The {@code x-oss-restore} value at {@code now}, null when there is nothing to report. */
  public String restoreHeader(Instant now) {
    return restore == null ? null : restore.header(now);
  }

  /** Whether this is a delete marker rather than an object. */
  public boolean isDeleteMarker() {
    return version.deleteMarker();
  }

  /**
   * What a delete asks for: in a versioned bucket the store keeps it as a delete marker made at
   * {@code time} (no bytes, no blob); in an unversioned one it removes the record.
   */
  public static ObjectRecord deleteMarker(String bucket, String key, Instant time) {
    return new ObjectRecord(
        bucket,
        key,
        ObjectType.NORMAL,
        0,
        0,
        null,
        null,
        time,
        new ObjectAttributes(null, null, null, null, null, null, null, null, null, null),
        null,
        null,
        null,
        new ObjectVersion(0, false, true));
  }
}
