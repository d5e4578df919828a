package dev.osprey.protocol.op;

/**
 * Operations addressed to an object ({@code /bucket/key}). Keys are already decoded and validated.
 */
public sealed interface ObjectOperation extends OssOperation {
  // Operations that take a {@code versionId} parameter carry it (null: the current version,
  // "null": the null version).

  String bucket();

  String key();

  /** {@code PUT /key} without {@code x-oss-copy-source}. */
  record PutObject(String bucket, String key) implements ObjectOperation {}

  /** {@code PUT /key} with {@code x-oss-copy-source}. */
  record CopyObject(String bucket, String key) implements ObjectOperation {}

  /**
   * {@code GET /key}.
   *
   * @param overrides {@code response-*} query parameters (name without the {@code response-} prefix
   *     → value)
   * @param tail Osprey's live tail (an extension), or null for a plain GetObject
   */
  record GetObject(
      String bucket, String key, ResponseOverrides overrides, String versionId, TailRead tail)
      implements ObjectOperation {
    /** The current version. */
    public GetObject(String bucket, String key, ResponseOverrides overrides) {
      this(bucket, key, overrides, null);
    }

    /** A plain GetObject (no live tail). */
    public GetObject(String bucket, String key, ResponseOverrides overrides, String versionId) {
      this(bucket, key, overrides, versionId, null);
    }
  }

  /** {@code HEAD /key}. */
  record HeadObject(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public HeadObject(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code PUT /key?symlink} with {@code x-oss-symlink-target}. */
  record PutSymlink(String bucket, String key) implements ObjectOperation {}

  /** {@code GET /key?symlink}. */
  record GetSymlink(String bucket, String key) implements ObjectOperation {}

  /** {@code HEAD /key?objectMeta} (GET is accepted too). */
  record GetObjectMeta(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public GetObjectMeta(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code DELETE /key}. */
  record DeleteObject(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public DeleteObject(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /**
   * {@code POST /key?append&position=N}.
   *
   * @param position the {@code position} parameter, or null when absent (the handler answers
   *     MissingArgument)
   */
  record AppendObject(String bucket, String key, Long position) implements ObjectOperation {}

  /** {@code POST /key?seal&position=N}. */
  record SealAppendObject(String bucket, String key, Long position) implements ObjectOperation {}

  /** {@code PUT /key?tagging}. */
  record PutObjectTagging(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public PutObjectTagging(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code GET /key?tagging}. */
  record GetObjectTagging(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public GetObjectTagging(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code DELETE /key?tagging}. */
  record DeleteObjectTagging(String bucket, String key, String versionId)
      implements ObjectOperation {
    /** The current version. */
    public DeleteObjectTagging(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code PUT /key?acl}. */
  record PutObjectAcl(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public PutObjectAcl(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code GET /key?acl}. */
  record GetObjectAcl(String bucket, String key, String versionId) implements ObjectOperation {
    /** The current version. */
    public GetObjectAcl(String bucket, String key) {
      this(bucket, key, null);
    }
  }

  /** {@code POST /key?uploads}. */
  record InitiateMultipartUpload(String bucket, String key) implements ObjectOperation {}

  /** {@code PUT /key?partNumber=N&uploadId=ID}. */
  record UploadPart(String bucket, String key, int partNumber, String uploadId)
      implements ObjectOperation {}

  /** {@code POST /key?uploadId=ID}. */
  record CompleteMultipartUpload(String bucket, String key, String uploadId)
      implements ObjectOperation {}

  /** {@code DELETE /key?uploadId=ID}. */
  record AbortMultipartUpload(String bucket, String key, String uploadId)
      implements ObjectOperation {}

  /** {@code GET /key?uploadId=ID}. */
  record ListParts(String bucket, String key, String uploadId) implements ObjectOperation {}

  /**
   * An object-level sub-resource Osprey does not implement yet (symlink, restore, ...):
   * NotImplemented.
   */
  record UnsupportedObjectOperation(String bucket, String key, String method, String subresource)
      implements ObjectOperation {}
}
