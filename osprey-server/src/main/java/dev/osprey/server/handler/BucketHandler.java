package dev.osprey.server.handler;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.BucketOperation.DeleteBucket;
import dev.osprey.protocol.op.BucketOperation.GetBucketAcl;
import dev.osprey.protocol.op.BucketOperation.GetBucketInfo;
import dev.osprey.protocol.op.BucketOperation.GetBucketLocation;
import dev.osprey.protocol.op.BucketOperation.PutBucket;
import dev.osprey.protocol.op.BucketOperation.PutBucketAcl;
import dev.osprey.protocol.xml.AccessControlPolicy;
import dev.osprey.protocol.xml.BucketInfo;
import dev.osprey.protocol.xml.BucketResourceGroupConfiguration;
import dev.osprey.protocol.xml.CreateBucketConfiguration;
import dev.osprey.protocol.xml.LocationConstraint;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectService;
import java.time.temporal.ChronoUnit;

/** Bucket lifecycle and bucket ACL operations. */
final class BucketHandler {
  private final ObjectService storage;
  private final BucketViews views;

  BucketHandler(ObjectService storage, BucketViews views) {
    this.storage = storage;
    this.views = views;
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucket">PutBucket</a>.
   */
  OssResponse putBucket(RequestContext ctx, PutBucket op) {
    String aclHeader = ctx.header("x-oss-acl");
    CannedAcl acl = aclHeader == null ? CannedAcl.PRIVATE : CannedAcl.parseBucketAcl(aclHeader);
    CreateBucketConfiguration conf =
        CreateBucketConfiguration.parse(
            ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    if (conf.locationConstraint() != null && !conf.locationConstraint().equals(views.location())) {
      throw OssException.of(OssErrorCode.INVALID_LOCATION_CONSTRAINT)
          .detail("LocationConstraint", conf.locationConstraint());
    }
    StorageClass storageClass =
        conf.storageClass() == null ? StorageClass.STANDARD : conf.storageClass();
    String redundancy = conf.dataRedundancyType() == null ? "LRS" : conf.dataRedundancyType();
    String groupHeader = ctx.header(BucketResourceGroupConfiguration.HEADER);
    BucketResourceGroupConfiguration group =
        BucketResourceGroupConfiguration.of(groupHeader, BucketResourceGroupConfiguration.HEADER);
    try {
      storage.createBucket(
          new BucketRecord(
                  op.bucket(),
                  ctx.received().truncatedTo(ChronoUnit.MILLIS),
                  views.accountId(),
                  acl,
                  storageClass,
                  redundancy)
              .withConfig(
                  BucketResourceGroupConfiguration.CONFIG_NAME,
                  group.resourceGroupId().isEmpty() ? null : group.toXml()));
    } catch (OssException e) {
      if (e.code() != OssErrorCode.BUCKET_ALREADY_EXISTS
          || !views.accountId().equals(storage.getBucket(op.bucket()).owner())) {
        throw e;
      }
      // OSS answers 200 to the bucket's own owner and applies x-oss-acl; the rest of the body
      // does not change an existing bucket (issue 12).
      if (aclHeader != null) {
        storage.putBucketAcl(op.bucket(), acl);
      }
    }
    return OssResponse.ok().header("Location", "/" + op.bucket());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucket">DeleteBucket</a>.
   */
  OssResponse deleteBucket(RequestContext ctx, DeleteBucket op) {
    storage.deleteBucket(op.bucket());
    return OssResponse.noContent();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketinfo">GetBucketInfo</a>.
   */
  OssResponse getBucketInfo(RequestContext ctx, GetBucketInfo op) {
    BucketRecord b = storage.getBucket(op.bucket());
    return OssResponse.xml(
        new BucketInfo(views.summary(b, ctx), views.owner(), b.acl(), b.dataRedundancyType(), null)
            .toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketlocation">GetBucketLocation</a>.
   */
  OssResponse getBucketLocation(RequestContext ctx, GetBucketLocation op) {
    storage.getBucket(op.bucket());
    return OssResponse.xml(new LocationConstraint(views.location()).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketacl">GetBucketAcl</a>.
   */
  OssResponse getBucketAcl(RequestContext ctx, GetBucketAcl op) {
    BucketRecord b = storage.getBucket(op.bucket());
    return OssResponse.xml(new AccessControlPolicy(views.owner(), b.acl()).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketacl">PutBucketAcl</a>.
   */
  OssResponse putBucketAcl(RequestContext ctx, PutBucketAcl op) {
    storage.putBucketAcl(op.bucket(), CannedAcl.parseBucketAcl(ctx.header("x-oss-acl")));
    return OssResponse.ok();
  }
}
