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
  private final BucketPolicies policies;
  private CannedAcl bucketAcl;

  StorageAccessContext(
      ObjectService storage,
      RoutedRequest routed,
      RequestEnvironment environment,
      BucketPolicies policies) {
    this.storage = storage;
    this.policies = policies;
    this.routed = routed;
    this.environment = environment;
  }

  /**
   * Read once per decision: the authorizer asks for the bucket's ACL first to learn that the bucket
   * exists (NoSuchBucket otherwise), then again to decide.
   */
  @Override
  public CannedAcl bucketAcl() {
    if (bucketAcl == null) {
      bucketAcl = storage.getBucket(routed.bucket()).acl();
    }
    return bucketAcl;
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
   * Read on each use, so a changed policy applies to the very next request; parsed once per
   * distinct text (documents were validated when stored).
   */
  @Override
  public Optional<PolicyDocument> bucketPolicy() {
    return storage.getBucketPolicy(routed.bucket()).map(policies::parse);
  }

  @Override
  public RequestEnvironment environment() {
    return environment;
  }
}
