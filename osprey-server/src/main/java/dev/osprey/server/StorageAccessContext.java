package dev.osprey.server;

import dev.osprey.auth.AccessContext;
import dev.osprey.auth.RequestEnvironment;
import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.storage.ObjectService;
import java.util.Optional;

/**
 * The ACLs and bucket policy an authorization decision may need, read from storage only when the
 * authorizer asks (root never does).
 */
final class StorageAccessContext implements AccessContext {
  private final ObjectService storage;
  private final RoutedRequest routed;
  private final RequestEnvironment environment;

  StorageAccessContext(
      ObjectService storage, RoutedRequest routed, RequestEnvironment environment) {
    this.storage = storage;
    this.routed = routed;
    this.environment = environment;
  }

  @Override
  public CannedAcl bucketAcl() {
    return storage.getBucket(routed.bucket()).acl();
  }

  @Override
  public CannedAcl objectAcl() {
    if (routed.key() == null) {
      return CannedAcl.DEFAULT;
    }
    try {
      return storage.headObject(routed.bucket(), routed.key()).attributes().acl();
    } catch (OssException e) {
      if (e.code() == OssErrorCode.NO_SUCH_KEY) {
        return CannedAcl.DEFAULT;
      }
      throw e;
    }
  }

  @Override
  public boolean hasResponseOverrides() {
    return routed.operation() instanceof GetObject get && !get.overrides().isEmpty();
  }

  /**
   * Parsed on each use: documents are at most 16 KB and were validated when stored, and reading
   * them fresh means a changed policy applies to the very next request.
   */
  @Override
  public Optional<PolicyDocument> bucketPolicy() {
    return storage
        .getBucketPolicy(routed.bucket())
        .map(text -> PolicyDocument.parse(text, PolicyDocument.Kind.BUCKET_POLICY));
  }

  @Override
  public RequestEnvironment environment() {
    return environment;
  }
}
