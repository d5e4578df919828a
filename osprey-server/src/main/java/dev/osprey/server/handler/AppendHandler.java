package dev.osprey.server.handler;

import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.ObjectOperation.AppendObject;
import dev.osprey.protocol.op.ObjectOperation.SealAppendObject;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.AppendObjectCommand;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.ObjectVersion;
import java.util.concurrent.CompletableFuture;

/** AppendObject and SealAppendObject (spec §1). */
final class AppendHandler {
  private final ObjectService storage;

  AppendHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/appendobject">AppendObject</a>.
   */
  OssResponse appendObject(RequestContext ctx, AppendObject op) {
    BucketRecord bucket = storage.getBucket(op.bucket());
    return answer(
        storage.appendObject(command(ctx, op, bucket), ctx.body(ctx.trafficLimit())), bucket);
  }

  /** As {@link #appendObject}, answered once the append's group commit is durable. */
  CompletableFuture<OssResponse> appendObjectAsync(RequestContext ctx, AppendObject op) {
    BucketRecord bucket = storage.getBucket(op.bucket());
    return storage
        .appendObjectAsync(command(ctx, op, bucket), ctx.body(ctx.trafficLimit()))
        .thenApply(o -> answer(o, bucket));
  }

  private static AppendObjectCommand command(
      RequestContext ctx, AppendObject op, BucketRecord bucket) {
    if (op.position() == null) {
      throw OssException.of(OssErrorCode.MISSING_ARGUMENT).detail("ArgumentName", "position");
    }
    if (ctx.framing().missing()) {
      throw OssException.of(OssErrorCode.MISSING_CONTENT_LENGTH);
    }
    ObjectAttributes create =
        ObjectHeaders.attributesFrom(
            ctx.headers(), bucket.storageClass(), ObjectHeaders.tagsFrom(ctx.headers()));
    StorageClass sc = create.storageClass();
    if (sc == StorageClass.COLD_ARCHIVE || sc == StorageClass.DEEP_COLD_ARCHIVE) {
      // Appendable objects cannot live in the cold archive classes (spec §1.3, §1.6).
      throw OssException.invalidArgument(
          "Appendable objects do not support the " + sc.wireName() + " storage class.",
          "x-oss-storage-class",
          sc.wireName());
    }
    return new AppendObjectCommand(
        op.bucket(),
        op.key(),
        op.position(),
        ctx.framing().declaredLength(),
        ctx.header("content-md5"),
        create);
  }

  private static OssResponse answer(ObjectRecord o, BucketRecord bucket) {
    OssResponse r =
        OssResponse.ok()
            .header("ETag", ObjectHeaders.quoted(o.etag()))
            .header("x-oss-next-append-position", Long.toString(o.size()))
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(o.crc64()));
    if (bucket.versioning().versioned()) {
      // Spec §1.4, §1.7: appends answer "null" in a versioned bucket; appendable versions have it.
      r.header(ObjectHeaders.VERSION_ID, ObjectVersion.NULL_ID);
    }
    return r;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/sealappendobject">SealAppendObject</a>.
   */
  OssResponse sealAppendObject(RequestContext ctx, SealAppendObject op) {
    if (op.position() == null) {
      throw OssException.of(OssErrorCode.MISSING_ARGUMENT).detail("ArgumentName", "position");
    }
    ObjectRecord o = storage.sealAppendObject(op.bucket(), op.key(), op.position());
    return OssResponse.ok().header("x-oss-sealed-time", HttpDates.formatRfc1123(o.sealedTime()));
  }
}
