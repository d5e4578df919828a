package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketLifecycle;
import dev.osprey.protocol.op.BucketOperation.GetBucketLifecycle;
import dev.osprey.protocol.op.BucketOperation.PutBucketLifecycle;
import dev.osprey.protocol.xml.LifecycleConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;

/**
 * Bucket lifecycle configurations (docs/lifecycle.md). The document is validated when put and kept
 * as sent, so GetBucketLifecycle returns what PutBucketLifecycle got; the server's lifecycle pass
 * applies it.
 */
final class LifecycleHandler {
  private final ObjectService storage;

  LifecycleHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketlifecycle">PutBucketLifecycle</a>:
   * replaces the whole configuration.
   */
  OssResponse putBucketLifecycle(RequestContext ctx, PutBucketLifecycle op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    byte[] body = ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML);
    LifecycleConfiguration.parse(body);
    storage.putBucketLifecycle(op.bucket(), new String(body, StandardCharsets.UTF_8));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketlifecycle">GetBucketLifecycle</a>:
   * {@code NoSuchLifecycle} (404) when the bucket has none.
   */
  OssResponse getBucketLifecycle(RequestContext ctx, GetBucketLifecycle op) {
    String xml = storage.getBucket(op.bucket()).lifecycle();
    if (xml == null) {
      throw OssException.of(OssErrorCode.NO_SUCH_LIFECYCLE).detail("BucketName", op.bucket());
    }
    return OssResponse.ok()
        .body(new OssResponse.BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucketlifecycle">DeleteBucketLifecycle</a>:
   * 204 whether or not there was one.
   */
  OssResponse deleteBucketLifecycle(RequestContext ctx, DeleteBucketLifecycle op) {
    storage.deleteBucketLifecycle(op.bucket());
    return OssResponse.noContent();
  }
}
