package dev.osprey.server.handler;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.CopySource;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Preconditions;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.ObjectOperation.CopyObject;
import dev.osprey.protocol.xml.CopyObjectResult;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.CopyObjectCommand;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/** CopyObject (spec §3.2). */
final class CopyHandler {
  private final ObjectService storage;

  CopyHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/copyobject">CopyObject</a>.
   * The authorizer checked write access to the destination; read access to the source is checked
   * here, because only here is the source known.
   */
  OssResponse copyObject(RequestContext ctx, CopyObject op) {
    CopySource source = CopySource.parse(ctx.header(CopySource.HEADER));
    boolean replaceMetadata = directive(ctx, "x-oss-metadata-directive");
    boolean replaceTags = directive(ctx, "x-oss-tagging-directive");
    BucketRecord bucket = storage.getBucket(op.bucket());
    CopySources.requireReadable(ctx, source);
    ObjectAttributes fromHeaders =
        ObjectHeaders.attributesFrom(
            ctx.headers(),
            bucket.storageClass(),
            replaceTags ? ObjectHeaders.tagsFrom(ctx.headers()) : Map.of());
    boolean sameObject =
        source.bucket().equals(op.bucket())
            && source.key().equals(op.key())
            && source.versionId() == null;
    Headers conditions = CopySources.conditions(ctx.headers());
    ObjectRecord copied =
        storage.copyObject(
            new CopyObjectCommand(
                source.bucket(),
                source.key(),
                op.bucket(),
                op.key(),
                o ->
                    Preconditions.check(
                        conditions, o.etag(), o.lastModified(), HttpDates::parseRfc1123),
                destination(ctx.headers(), fromHeaders, replaceMetadata, replaceTags, sameObject),
                "true".equalsIgnoreCase(ctx.header("x-oss-forbid-overwrite")),
                source.versionId()));
    OssResponse r =
        OssResponse.xml(new CopyObjectResult(copied.etag(), copied.lastModified()).toXml())
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(copied.crc64()));
    // The source version copied (spec §3.2): the one named, or "null" for the null version.
    r.header("x-oss-copy-source-version-id", source.versionId());
    return ObjectHeaders.versionId(r, copied);
  }

  /**
   * The destination's attributes (spec §3.2): content headers and user metadata from the source
   * (COPY) or the request (REPLACE); tags likewise by the tagging directive; ACL and storage class
   * from the request when given, else the source's storage class and, for a new object, the default
   * ACL (a copy onto itself keeps its ACL).
   */
  private static UnaryOperator<ObjectAttributes> destination(
      Headers h,
      ObjectAttributes fromHeaders,
      boolean replaceMetadata,
      boolean replaceTags,
      boolean sameObject) {
    boolean aclGiven = ObjectHeaders.objectAcl(h.get("x-oss-object-acl")) != null;
    boolean storageClassGiven = h.get("x-oss-storage-class") != null;
    return s -> {
      ObjectAttributes base = replaceMetadata ? fromHeaders : s;
      CannedAcl acl = aclGiven ? fromHeaders.acl() : sameObject ? s.acl() : CannedAcl.DEFAULT;
      StorageClass storageClass = storageClassGiven ? fromHeaders.storageClass() : s.storageClass();
      return new ObjectAttributes(
          base.contentType(),
          base.cacheControl(),
          base.contentDisposition(),
          base.contentEncoding(),
          base.contentLanguage(),
          base.expires(),
          base.userMetadata(),
          acl,
          storageClass,
          replaceTags ? fromHeaders.tags() : s.tags());
    };
  }

  /** COPY (false, the default) or REPLACE (true), in any case; anything else is InvalidArgument. */
  private static boolean directive(RequestContext ctx, String header) {
    String value = ctx.header(header);
    if (value == null) {
      return false;
    }
    return switch (value.trim().toUpperCase(Locale.ROOT)) {
      case "COPY" -> false;
      case "REPLACE" -> true;
      default ->
          throw OssException.invalidArgument(
              "The " + header + " must be COPY or REPLACE.", header, value);
    };
  }
}
