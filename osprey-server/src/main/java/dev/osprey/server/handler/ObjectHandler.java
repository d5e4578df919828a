package dev.osprey.server.handler;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.ByteRange;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Preconditions;
import dev.osprey.protocol.op.ObjectOperation.DeleteObject;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.GetObjectMeta;
import dev.osprey.protocol.op.ObjectOperation.HeadObject;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectDeletion;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OpenObject;
import dev.osprey.storage.PutObjectCommand;
import java.io.IOException;
import java.util.Optional;

/** The basic object operations: PutObject, GetObject, HeadObject, GetObjectMeta, DeleteObject. */
final class ObjectHandler {
  private final ObjectService storage;

  ObjectHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/putobject">PutObject</a>.
   */
  OssResponse putObject(RequestContext ctx, PutObject op) {
    if (ctx.framing().missing()) {
      throw OssException.of(OssErrorCode.MISSING_CONTENT_LENGTH);
    }
    BucketRecord bucket = storage.getBucket(op.bucket());
    ObjectAttributes attributes =
        ObjectHeaders.attributesFrom(
            ctx.headers(), bucket.storageClass(), ObjectHeaders.tagsFrom(ctx.headers()));
    PutObjectCommand command =
        new PutObjectCommand(
            op.bucket(),
            op.key(),
            ctx.framing().declaredLength(),
            ctx.header("content-md5"),
            attributes,
            "true".equalsIgnoreCase(ctx.header("x-oss-forbid-overwrite")));
    ObjectRecord stored = storage.putObject(command, ctx.body(ctx.trafficLimit()));
    return ObjectHeaders.versionId(
        OssResponse.ok()
            .header("ETag", ObjectHeaders.quoted(stored.etag()))
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(stored.crc64()))
            .header("Content-MD5", stored.contentMd5()),
        stored);
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobject">GetObject</a>.
   */
  OssResponse getObject(RequestContext ctx, GetObject op) {
    long trafficLimit = ctx.trafficLimit();
    Opened opened = openFollowingSymlink(ctx, op.bucket(), op.key(), op.versionId());
    OpenObject open = opened.open();
    try {
      ObjectRecord o = opened.shown();
      Preconditions.check(ctx.headers(), o.etag(), o.lastModified(), HttpDates::parseRfc1123);
      boolean standard = "standard".equalsIgnoreCase(ctx.header("x-oss-range-behavior"));
      Optional<ByteRange> range = ByteRange.resolve(ctx.header("range"), o.size(), standard);
      OssResponse r = OssResponse.status(range.isPresent() ? 206 : 200);
      ObjectHeaders.describe(r, o, mayReadTags(ctx));
      range.ifPresent(b -> r.header("Content-Range", b.contentRange(o.size())));
      applyOverrides(r, op.overrides());
      long offset = range.map(ByteRange::first).orElse(0L);
      long length = range.map(ByteRange::length).orElse(o.size());
      return r.body(new OssResponse.ObjectBody(open, offset, length)).trafficLimit(trafficLimit);
    } catch (RuntimeException e) {
      closeQuietly(open);
      throw e;
    }
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/headobject">HeadObject</a>.
   */
  OssResponse headObject(RequestContext ctx, HeadObject op) {
    ObjectRecord o = storage.headObject(op.bucket(), op.key(), op.versionId());
    if (o.type() == ObjectType.SYMLINK) {
      ctx.requireRead(op.bucket(), o.symlinkTarget());
      ObjectRecord target = storage.headObject(op.bucket(), o.symlinkTarget());
      o = SymlinkReads.view(o, SymlinkReads.requireReadableTarget(target));
    }
    Preconditions.check(ctx.headers(), o.etag(), o.lastModified(), HttpDates::parseRfc1123);
    OssResponse r = OssResponse.ok();
    ObjectHeaders.describe(r, o, mayReadTags(ctx));
    return r.body(new OssResponse.NoBody(o.size()));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobjectmeta">GetObjectMeta</a>.
   */
  OssResponse getObjectMeta(RequestContext ctx, GetObjectMeta op) {
    ObjectRecord o = storage.headObject(op.bucket(), op.key(), op.versionId());
    return ObjectHeaders.versionId(
            OssResponse.ok()
                .header("ETag", ObjectHeaders.quoted(o.etag()))
                .header("Last-Modified", HttpDates.formatRfc1123(o.lastModified())),
            o)
        .body(new OssResponse.NoBody(o.size()));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deleteobject">DeleteObject</a>.
   * In a versioned bucket it adds a delete marker, or with {@code versionId} removes that version
   * (spec §3.3); both are told in {@code x-oss-delete-marker} and {@code x-oss-version-id}.
   */
  OssResponse deleteObject(RequestContext ctx, DeleteObject op) {
    ObjectDeletion done =
        op.versionId() == null
            ? storage.deleteObject(op.bucket(), op.key())
            : storage.deleteObjectVersion(op.bucket(), op.key(), op.versionId());
    OssResponse r = OssResponse.noContent();
    if (done.deleteMarker()) {
      r.header(ObjectHeaders.DELETE_MARKER, "true");
    }
    return r.header(ObjectHeaders.VERSION_ID, done.versionId());
  }

  /** The open object and the record its headers describe (the symlink's view for a symlink). */
  private record Opened(OpenObject open, ObjectRecord shown) {}

  /**
   * Opens the object at {@code key}, and for a symlink its target instead. Reading through a link
   * needs read access to the target as well, judged as a GetObject of it: a link must not open what
   * its reader could not read directly (OSS checks nothing at PutSymlink).
   */
  private Opened openFollowingSymlink(
      RequestContext ctx, String bucket, String key, String versionId) {
    OpenObject open = storage.openObject(bucket, key, versionId);
    ObjectRecord link = open.object();
    if (link.type() != ObjectType.SYMLINK) {
      return new Opened(open, link);
    }
    closeQuietly(open);
    ctx.requireRead(bucket, link.symlinkTarget());
    OpenObject target = storage.openObject(bucket, link.symlinkTarget());
    try {
      return new Opened(
          target, SymlinkReads.view(link, SymlinkReads.requireReadableTarget(target.object())));
    } catch (RuntimeException e) {
      closeQuietly(target);
      throw e;
    }
  }

  private static void applyOverrides(OssResponse r, ResponseOverrides o) {
    r.header("Content-Type", o.contentType());
    r.header("Content-Language", o.contentLanguage());
    r.header("Expires", o.expires());
    r.header("Cache-Control", o.cacheControl());
    r.header("Content-Disposition", o.contentDisposition());
    r.header("Content-Encoding", o.contentEncoding());
  }

  /**
   * {@code x-oss-tagging-count} is shown only to callers who may read tags (spec §3.9): not
   * anonymous ones.
   */
  static boolean mayReadTags(RequestContext ctx) {
    return !(ctx.principal() instanceof Principal.Anonymous);
  }

  private static void closeQuietly(OpenObject open) {
    try {
      open.close();
    } catch (IOException ignored) {
      // the error being thrown is what matters to the client
    }
  }
}
