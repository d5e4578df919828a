package dev.osprey.server.handler;

import dev.osprey.auth.policy.MalformedPolicyException;
import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.DeleteBucketPolicy;
import dev.osprey.protocol.op.BucketOperation.GetBucketPolicy;
import dev.osprey.protocol.op.BucketOperation.PutBucketPolicy;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bucket policy: a JSON policy document stored with the bucket (spec §6). */
final class BucketPolicyHandler {
  private final ObjectService storage;

  BucketPolicyHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketpolicy">PutBucketPolicy</a>.
   * The document is validated before it is stored, so a policy that is in force always parses.
   */
  OssResponse putBucketPolicy(RequestContext ctx, PutBucketPolicy op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    byte[] body = ctx.readSmallBody(PolicyDocument.MAX_BYTES, OssErrorCode.INVALID_POLICY_DOCUMENT);
    String text = utf8(body);
    try {
      PolicyDocument.parse(text, PolicyDocument.Kind.BUCKET_POLICY);
    } catch (MalformedPolicyException e) {
      throw OssException.of(
          OssErrorCode.INVALID_POLICY_DOCUMENT, "The policy is invalid: " + e.getMessage());
    }
    storage.putBucketPolicy(op.bucket(), text);
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketpolicy">GetBucketPolicy</a>:
   * the document exactly as it was put.
   */
  OssResponse getBucketPolicy(RequestContext ctx, GetBucketPolicy op) {
    String text =
        storage
            .getBucketPolicy(op.bucket())
            .orElseThrow(
                () ->
                    OssException.of(OssErrorCode.NO_SUCH_BUCKET_POLICY)
                        .detail("BucketName", op.bucket()));
    return OssResponse.ok()
        .body(new OssResponse.BytesBody(text.getBytes(StandardCharsets.UTF_8), "application/json"));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletebucketpolicy">DeleteBucketPolicy</a>.
   */
  OssResponse deleteBucketPolicy(RequestContext ctx, DeleteBucketPolicy op) {
    storage.deleteBucketPolicy(op.bucket());
    return OssResponse.noContent();
  }

  /** OSS refuses a policy that is not UTF-8 (EC 0030-00000004) rather than guessing. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw OssException.of(
          OssErrorCode.INVALID_POLICY_DOCUMENT, "The policy must be encoded in UTF-8.");
    }
  }
}
