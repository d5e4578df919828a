package dev.osprey.server.handler;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.op.ObjectOperation.GetObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.PutObjectAcl;
import dev.osprey.protocol.xml.AccessControlPolicy;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;

/** Object ACLs (spec §3.10): {@code default} means the bucket's ACL applies. */
final class ObjectAclHandler {
  private final ObjectService storage;
  private final BucketViews views;

  ObjectAclHandler(ObjectService storage, BucketViews views) {
    this.storage = storage;
    this.views = views;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putobjectacl">PutObjectACL</a>.
   */
  OssResponse putObjectAcl(RequestContext ctx, PutObjectAcl op) {
    ObjectRecord o =
        storage.putObjectAcl(
            op.bucket(),
            op.key(),
            op.versionId(),
            CannedAcl.parseObjectAcl(ctx.header("x-oss-object-acl")));
    return op.versionId() == null ? OssResponse.ok() : ObjectHeaders.versionId(OssResponse.ok(), o);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobjectacl">GetObjectACL</a>.
   */
  OssResponse getObjectAcl(RequestContext ctx, GetObjectAcl op) {
    ObjectRecord o = storage.headObject(op.bucket(), op.key(), op.versionId());
    OssResponse r =
        OssResponse.xml(new AccessControlPolicy(views.owner(), o.attributes().acl()).toXml());
    return op.versionId() == null ? r : ObjectHeaders.versionId(r, o);
  }
}
