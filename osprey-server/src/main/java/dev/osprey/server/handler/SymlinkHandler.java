package dev.osprey.server.handler;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.ObjectKeys;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.UrlEncoding;
import dev.osprey.protocol.op.ObjectOperation.GetSymlink;
import dev.osprey.protocol.op.ObjectOperation.PutSymlink;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.PutSymlinkCommand;

/**
 * PutSymlink and GetSymlink. The target travels URL-encoded in {@code x-oss-symlink-target} both
 * ways: the Java SDK encodes it with URLEncoder (spaces as {@code %20}) and decodes the answer with
 * URLDecoder, so the answer encodes {@code +} as {@code %2B}.
 */
final class SymlinkHandler {
  static final String TARGET_HEADER = "x-oss-symlink-target";

  private final ObjectService storage;

  SymlinkHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putsymlink">PutSymlink</a>.
   */
  OssResponse putSymlink(RequestContext ctx, PutSymlink op) {
    String target = target(ctx.header(TARGET_HEADER));
    BucketRecord bucket = storage.getBucket(op.bucket());
    ObjectAttributes attributes =
        ObjectHeaders.attributesFrom(
            ctx.headers(), bucket.storageClass(), ObjectHeaders.tagsFrom(ctx.headers()));
    ObjectRecord stored =
        storage.putSymlink(
            new PutSymlinkCommand(
                op.bucket(),
                op.key(),
                target,
                attributes,
                "true".equalsIgnoreCase(ctx.header("x-oss-forbid-overwrite"))));
    return ObjectHeaders.versionId(
        OssResponse.ok().header("ETag", ObjectHeaders.quoted(stored.etag())), stored);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getsymlink">GetSymlink</a>.
   */
  OssResponse getSymlink(RequestContext ctx, GetSymlink op) {
    ObjectRecord link = storage.headObject(op.bucket(), op.key());
    if (link.type() != ObjectType.SYMLINK) {
      throw new OssException(OssErrorCode.NOT_SYMLINK).detail("Key", op.key());
    }
    OssResponse r = OssResponse.ok();
    ObjectHeaders.describe(
        r, link, !(ctx.principal() instanceof Principal.Anonymous), storage.clock().instant());
    r.header(TARGET_HEADER, UrlEncoding.encode(link.symlinkTarget()));
    return r.body(new OssResponse.NoBody(0));
  }

  private static String target(String header) {
    if (header == null || header.isEmpty()) {
      throw OssException.of(OssErrorCode.MISSING_ARGUMENT).detail("ArgumentName", TARGET_HEADER);
    }
    String target;
    try {
      target = UrlEncoding.decode(header);
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument(
          "The symlink target is not URL-encoded UTF-8.", TARGET_HEADER, header);
    }
    ObjectKeys.validate(target);
    return target;
  }
}
