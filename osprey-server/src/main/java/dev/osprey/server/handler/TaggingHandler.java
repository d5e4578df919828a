package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketTags;
import dev.osprey.protocol.op.BucketOperation.GetBucketTags;
import dev.osprey.protocol.op.BucketOperation.PutBucketTags;
import dev.osprey.protocol.op.ObjectOperation.DeleteObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.PutObjectTagging;
import dev.osprey.protocol.xml.Tag;
import dev.osprey.protocol.xml.Tagging;
import dev.osprey.protocol.xml.TaggingRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Object tagging (spec §3.9), and bucket tagging, kept as the bucket's {@code tagging}
 * configuration. Changing an object's tags never changes its Last-Modified.
 */
final class TaggingHandler {
  /** The name of the bucket's tags (PutBucketTags) in its configurations. */
  static final String BUCKET_TAGS = "tagging";

  private final ObjectService storage;

  TaggingHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putobjecttagging">PutObjectTagging</a>.
   */
  OssResponse putObjectTagging(RequestContext ctx, PutObjectTagging op) {
    Tagging tagging =
        TaggingRequest.parse(ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    ObjectRecord o =
        storage.putObjectTags(op.bucket(), op.key(), op.versionId(), ObjectHeaders.toMap(tagging));
    return op.versionId() == null ? OssResponse.ok() : ObjectHeaders.versionId(OssResponse.ok(), o);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobjecttagging">GetObjectTagging</a>.
   */
  OssResponse getObjectTagging(RequestContext ctx, GetObjectTagging op) {
    ObjectRecord o = storage.headObject(op.bucket(), op.key(), op.versionId());
    Map<String, String> tags = o.attributes().tags();
    List<Tag> list = tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    OssResponse r = OssResponse.xml(new Tagging(list).toXml());
    return op.versionId() == null ? r : ObjectHeaders.versionId(r, o);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deleteobjecttagging">DeleteObjectTagging</a>.
   */
  OssResponse deleteObjectTagging(RequestContext ctx, DeleteObjectTagging op) {
    ObjectRecord o = storage.putObjectTags(op.bucket(), op.key(), op.versionId(), Map.of());
    OssResponse r = OssResponse.noContent();
    return op.versionId() == null ? r : ObjectHeaders.versionId(r, o);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbuckettags">PutBucketTags</a>:
   * replaces the bucket's tags.
   */
  OssResponse putBucketTags(RequestContext ctx, PutBucketTags op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    Tagging tagging =
        TaggingRequest.parseBucketTags(
            ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    storage.putBucketConfig(op.bucket(), BUCKET_TAGS, tagging.toXml());
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbuckettags">GetBucketTags</a>:
   * an empty TagSet for a bucket without tags.
   */
  OssResponse getBucketTags(RequestContext ctx, GetBucketTags op) {
    String xml = storage.getBucket(op.bucket()).config(BUCKET_TAGS);
    return xml == null
        ? OssResponse.xml(Tagging.EMPTY.toXml())
        : OssResponse.ok()
            .body(
                new OssResponse.BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebuckettags">DeleteBucketTags</a>:
   * removes every tag (the {@code tagging} query names which keys in OSS; Osprey removes them all).
   */
  OssResponse deleteBucketTags(RequestContext ctx, DeleteBucketTags op) {
    storage.putBucketConfig(op.bucket(), BUCKET_TAGS, null);
    return OssResponse.noContent();
  }
}
