package dev.osprey.server.handler;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.op.ObjectOperation.GetObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.PutObjectAcl;
import dev.osprey.protocol.xml.AccessControlPolicy;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
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
    storage.putObjectAcl(
        op.bucket(), op.key(), CannedAcl.parseObjectAcl(ctx.header("x-oss-object-acl")));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getobjectacl">GetObjectACL</a>.
   */
  OssResponse getObjectAcl(RequestContext ctx, GetObjectAcl op) {
    CannedAcl acl = storage.headObject(op.bucket(), op.key()).attributes().acl();
    return OssResponse.xml(new AccessControlPolicy(views.owner(), acl).toXml());
  }
}
