package dev.osprey.storage;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A CopyObject as the storage layer sees it (spec §3.2).
 *
 * @param sourceCheck the {@code x-oss-copy-source-if-*} conditions: throws PreconditionFailed or
 *     NotModified for a source that fails them; must be a pure function of the record
 * @param attributes the destination's attributes from the source's (metadata and tagging
 *     directives, ACL, storage class); a pure function
 * @param forbidOverwrite {@code x-oss-forbid-overwrite: true}: FileAlreadyExists if the destination
 *     exists
 * @param sourceVersionId the source version ({@code ?versionId=} in {@code x-oss-copy-source}),
 *     null for the current one
 */
public record CopyObjectCommand(
    String sourceBucket,
    String sourceKey,
    String bucket,
    String key,
    Consumer<ObjectRecord> sourceCheck,
    UnaryOperator<ObjectAttributes> attributes,
    boolean forbidOverwrite,
    String sourceVersionId) {

  /** A copy of the source's current version. */
  public CopyObjectCommand(
      String sourceBucket,
      String sourceKey,
      String bucket,
      String key,
      Consumer<ObjectRecord> sourceCheck,
      UnaryOperator<ObjectAttributes> attributes,
      boolean forbidOverwrite) {
    this(sourceBucket, sourceKey, bucket, key, sourceCheck, attributes, forbidOverwrite, null);
  }

  /**
   * Copying an object's current version onto itself only updates its metadata (spec §3.2), in a
   * bucket never versioned; a versioned bucket gets a new version instead.
   */
  public boolean sameObject() {
    return sourceBucket.equals(bucket) && sourceKey.equals(key) && sourceVersionId == null;
  }
}
