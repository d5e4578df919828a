package dev.osprey.server.handler;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;

/**
 * GET and HEAD through a symlink: the target's bytes with the target's content headers, size, ETag,
 * CRC-64 and Last-Modified (what a reader validates the bytes and the cache with), under the link's
 * object type, user metadata, ACL and tags. A target that is itself a symlink is not followed
 * (InvalidTargetType); a missing target is NoSuchKey.
 */
final class SymlinkReads {
  private SymlinkReads() {}

  static ObjectRecord requireReadableTarget(ObjectRecord target) {
    if (target.type() == ObjectType.SYMLINK) {
      throw new OssException(OssErrorCode.INVALID_TARGET_TYPE).detail("Key", target.key());
    }
    return target;
  }

  /** The record GET and HEAD describe for {@code link}, whose target is {@code target}. */
  static ObjectRecord view(ObjectRecord link, ObjectRecord target) {
    ObjectAttributes t = target.attributes();
    ObjectAttributes l = link.attributes();
    ObjectAttributes shown =
        new ObjectAttributes(
            t.contentType(),
            t.cacheControl(),
            t.contentDisposition(),
            t.contentEncoding(),
            t.contentLanguage(),
            t.expires(),
            l.userMetadata(),
            l.acl(),
            t.storageClass(),
            l.tags());
    return new ObjectRecord(
            link.bucket(),
            link.key(),
            ObjectType.SYMLINK,
            target.size(),
            target.crc64(),
            target.etag(),
            target.contentMd5(),
            target.lastModified(),
            shown,
            target.blobId(),
            null,
            link.symlinkTarget())
        .withRestore(target.restore());
  }
}
