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
 */
public record CopyObjectCommand(
    String sourceBucket,
    String sourceKey,
    String bucket,
    String key,
    Consumer<ObjectRecord> sourceCheck,
    UnaryOperator<ObjectAttributes> attributes,
    boolean forbidOverwrite) {

  /** Copying an object onto itself only updates its metadata (spec §3.2). */
  public boolean sameObject() {
    return sourceBucket.equals(bucket) && sourceKey.equals(key);
  }
}
