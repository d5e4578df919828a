package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.op.ObjectOperation.DeleteObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.PutObjectTagging;
import dev.osprey.protocol.xml.SafeXml;
import dev.osprey.protocol.xml.Tag;
import dev.osprey.protocol.xml.Tagging;
import dev.osprey.protocol.xml.TaggingRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
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
        TaggingRequest.parse(ctx.readSmallBody(SafeXml.MAX_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    storage.putObjectTags(op.bucket(), op.key(), ObjectHeaders.toMap(tagging));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobjecttagging">GetObjectTagging</a>.
   */
  OssResponse getObjectTagging(RequestContext ctx, GetObjectTagging op) {
    Map<String, String> tags = storage.headObject(op.bucket(), op.key()).attributes().tags();
    List<Tag> list = tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    return OssResponse.xml(new Tagging(list).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deleteobjecttagging">DeleteObjectTagging</a>.
   */
  OssResponse deleteObjectTagging(RequestContext ctx, DeleteObjectTagging op) {
    storage.putObjectTags(op.bucket(), op.key(), Map.of());
    return OssResponse.noContent();
  }
}
