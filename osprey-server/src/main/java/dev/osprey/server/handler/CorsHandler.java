package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketCors;
import dev.osprey.protocol.op.BucketOperation.GetBucketCors;
import dev.osprey.protocol.op.BucketOperation.Options;
import dev.osprey.protocol.op.BucketOperation.PutBucketCors;
import dev.osprey.protocol.xml.CorsConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;

/**
 * Bucket CORS rules (docs/browsers.md): kept as put, after validation, so GetBucketCors returns
 * what PutBucketCors got; and the preflight that browsers send before a cross-origin request.
 */
final class CorsHandler {
  private final ObjectService storage;

  CorsHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketcors">PutBucketCors</a>:
   * replaces every rule.
   */
  OssResponse putBucketCors(RequestContext ctx, PutBucketCors op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    byte[] body = ctx.readSmallBody(CorsConfiguration.MAX_BODY_BYTES, OssErrorCode.MALFORMED_XML);
    CorsConfiguration.parse(body);
    storage.putBucketConfig(
        op.bucket(), CorsHeaders.CONFIG, new String(body, StandardCharsets.UTF_8));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketcors">GetBucketCors</a>:
   * NoSuchCORSConfiguration (404) when the bucket has none.
   */
  OssResponse getBucketCors(RequestContext ctx, GetBucketCors op) {
    String xml = storage.getBucket(op.bucket()).config(CorsHeaders.CONFIG);
    if (xml == null) {
      throw OssException.of(OssErrorCode.NO_SUCH_CORS_CONFIGURATION)
          .detail("BucketName", op.bucket());
    }
    return OssResponse.ok()
        .body(new OssResponse.BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucketcors">DeleteBucketCors</a>:
   * 204 whether or not there were rules.
   */
  OssResponse deleteBucketCors(RequestContext ctx, DeleteBucketCors op) {
    storage.putBucketConfig(op.bucket(), CorsHeaders.CONFIG, null);
    return OssResponse.noContent();
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/options">Options</a>: the
   * preflight, unauthenticated; AccessForbidden (403) when no rule allows the request.
   */
  OssResponse options(RequestContext ctx, Options op) {
    return CorsHeaders.preflight(
        storage.getBucket(op.bucket()),
        ctx.header("origin"),
        ctx.header("access-control-request-method"),
        ctx.header("access-control-request-headers"));
  }
}
