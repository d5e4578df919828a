package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketLogging;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketWebsite;
import dev.osprey.protocol.op.BucketOperation.GetBucketLogging;
import dev.osprey.protocol.op.BucketOperation.GetBucketResourceGroup;
import dev.osprey.protocol.op.BucketOperation.GetBucketWebsite;
import dev.osprey.protocol.op.BucketOperation.PutBucketLogging;
import dev.osprey.protocol.op.BucketOperation.PutBucketResourceGroup;
import dev.osprey.protocol.op.BucketOperation.PutBucketWebsite;
import dev.osprey.protocol.xml.BucketLoggingStatus;
import dev.osprey.protocol.xml.BucketResourceGroupConfiguration;
import dev.osprey.protocol.xml.WebsiteConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bucket sub-resources that are a document put, read back and deleted: website, logging and
 * resource group. Each document is validated when put and kept in the bucket's configurations under
 * its sub-resource name (docs/website.md, docs/api-coverage.md).
 */
final class BucketConfigHandler {
  static final String WEBSITE = "website";

  private final ObjectService storage;
  private final Consumer<String> loggingChanged;

  /**
   * @param loggingChanged told the bucket whose logging configuration changed
   */
  BucketConfigHandler(ObjectService storage, Consumer<String> loggingChanged) {
    this.storage = storage;
    this.loggingChanged = loggingChanged;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketwebsite">PutBucketWebsite</a>:
   * replaces the whole configuration; kept as sent.
   */
  OssResponse putBucketWebsite(RequestContext ctx, PutBucketWebsite op) {
    byte[] body = readBody(ctx, op.bucket());
    WebsiteConfiguration.parse(body);
    storage.putBucketConfig(op.bucket(), WEBSITE, new String(body, StandardCharsets.UTF_8));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketwebsite">GetBucketWebsite</a>:
   * {@code NoSuchWebsiteConfiguration} (404) when none.
   */
  OssResponse getBucketWebsite(RequestContext ctx, GetBucketWebsite op) {
    String xml = storage.getBucket(op.bucket()).config(WEBSITE);
    if (xml == null) {
      throw OssException.of(OssErrorCode.NO_SUCH_WEBSITE_CONFIGURATION)
          .detail("BucketName", op.bucket());
    }
    return OssResponse.xml(xml);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucketwebsite">DeleteBucketWebsite</a>:
   * 204 whether or not there was one.
   */
  OssResponse deleteBucketWebsite(RequestContext ctx, DeleteBucketWebsite op) {
    storage.putBucketConfig(op.bucket(), WEBSITE, null);
    return OssResponse.noContent();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketlogging">PutBucketLogging</a>:
   * the target bucket must exist and belong to the same owner ({@code
   * InvalidTargetBucketForLogging}); a body without LoggingEnabled turns logging off.
   */
  OssResponse putBucketLogging(RequestContext ctx, PutBucketLogging op) {
    BucketRecord source = storage.getBucket(op.bucket());
    BucketLoggingStatus status =
        BucketLoggingStatus.parse(
            ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    if (status.enabled() && !sameOwner(source, status.targetBucket())) {
      throw OssException.of(OssErrorCode.INVALID_TARGET_BUCKET_FOR_LOGGING)
          .detail("TargetBucket", status.targetBucket());
    }
    storage.putBucketConfig(
        op.bucket(), BucketLoggingStatus.CONFIG_NAME, status.enabled() ? status.toXml() : null);
    loggingChanged.accept(op.bucket());
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketlogging">GetBucketLogging</a>:
   * an empty {@code BucketLoggingStatus} when logging is off.
   */
  OssResponse getBucketLogging(RequestContext ctx, GetBucketLogging op) {
    String xml = storage.getBucket(op.bucket()).config(BucketLoggingStatus.CONFIG_NAME);
    return OssResponse.xml(xml == null ? BucketLoggingStatus.OFF.toXml() : xml);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucketlogging">DeleteBucketLogging</a>:
   * 204.
   */
  OssResponse deleteBucketLogging(RequestContext ctx, DeleteBucketLogging op) {
    storage.putBucketConfig(op.bucket(), BucketLoggingStatus.CONFIG_NAME, null);
    loggingChanged.accept(op.bucket());
    return OssResponse.noContent();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketresourcegroup">PutBucketResourceGroup</a>:
   * an empty id moves the bucket back to the default group.
   */
  OssResponse putBucketResourceGroup(RequestContext ctx, PutBucketResourceGroup op) {
    BucketResourceGroupConfiguration conf =
        BucketResourceGroupConfiguration.parse(readBody(ctx, op.bucket()));
    storage.putBucketConfig(
        op.bucket(),
        BucketResourceGroupConfiguration.CONFIG_NAME,
        conf.resourceGroupId().isEmpty() ? null : conf.toXml());
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketresourcegroup">GetBucketResourceGroup</a>:
   * an empty ResourceGroupId for the default group.
   */
  OssResponse getBucketResourceGroup(RequestContext ctx, GetBucketResourceGroup op) {
    return OssResponse.xml(resourceGroup(storage.getBucket(op.bucket())).toXml());
  }

  /** The resource group {@code bucket} belongs to. */
  static BucketResourceGroupConfiguration resourceGroup(BucketRecord bucket) {
    String xml = bucket.config(BucketResourceGroupConfiguration.CONFIG_NAME);
    return xml == null
        ? BucketResourceGroupConfiguration.DEFAULT
        : BucketResourceGroupConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private boolean sameOwner(BucketRecord source, String target) {
    try {
      return storage.getBucket(target).owner().equals(source.owner());
    } catch (OssException e) {
      if (e.code() == OssErrorCode.NO_SUCH_BUCKET) {
        return false;
      }
      throw e;
    }
  }

  /** NoSuchBucket before the body is read, then the body. */
  private byte[] readBody(RequestContext ctx, String bucket) {
    storage.getBucket(bucket);
    return ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML);
  }
}
