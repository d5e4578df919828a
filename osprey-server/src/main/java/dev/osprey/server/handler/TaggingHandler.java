package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
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
import java.util.List;
import java.util.Map;

/** Object tagging (spec §3.9). Changing tags never changes Last-Modified. */
final class TaggingHandler {
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
}
