package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.GetBucketReferer;
import dev.osprey.protocol.op.BucketOperation.PutBucketReferer;
import dev.osprey.protocol.xml.RefererConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;

/**
 * Hotlink protection (docs/browsers.md): the bucket's Referer whitelist and blacklist, enforced on
 * object reads that are anonymous or signed in the URL; a request signed in its Authorization
 * header is not checked, as on OSS.
 */
public final class RefererHandler {
  /** The name of the Referer configuration (PutBucketReferer) in the bucket's configurations. */
  static final String CONFIG = "referer";

  /** OSS's message when the Referer configuration refuses a request. */
  static final String DENIED = "You are denied by bucket referer policy.";

  private final ObjectService storage;

  public RefererHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketreferer">PutBucketReferer</a>.
   */
  OssResponse putBucketReferer(RequestContext ctx, PutBucketReferer op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    byte[] body =
        ctx.readSmallBody(RefererConfiguration.MAX_BODY_BYTES, OssErrorCode.MALFORMED_XML);
    RefererConfiguration parsed = RefererConfiguration.parse(body);
    storage.putBucketConfig(op.bucket(), CONFIG, parsed.toXml());
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketreferer">GetBucketReferer</a>:
   * a bucket that never had a configuration shows OSS's default (empty Referers allowed, no list).
   */
  OssResponse getBucketReferer(RequestContext ctx, GetBucketReferer op) {
    return OssResponse.xml(of(storage.getBucket(op.bucket())).toXml());
  }

  /**
   * Throws AccessDenied when the bucket's Referer configuration refuses {@code referer} (null: the
   * request has none).
   */
  public void check(String bucket, String referer) {
    if (!of(storage.getBucket(bucket)).allows(referer)) {
      throw OssException.of(OssErrorCode.ACCESS_DENIED, DENIED);
    }
  }

  private static RefererConfiguration of(BucketRecord bucket) {
    String xml = bucket.config(CONFIG);
    return xml == null
        ? RefererConfiguration.DEFAULT
        : RefererConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
  }
}
