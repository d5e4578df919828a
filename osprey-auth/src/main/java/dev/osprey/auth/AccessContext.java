package dev.osprey.auth;

import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.Headers;
import java.time.Instant;
import java.util.Optional;

/**
 * What the {@link Authorizer} may need to know about the target, read lazily: the server implements
 * this over storage, and most requests (those of the root account) never call it.
 */
public interface AccessContext {
  /** The bucket's ACL; never {@link CannedAcl#DEFAULT}. */
  CannedAcl bucketAcl();

  /**
   * The target object's ACL, {@link CannedAcl#DEFAULT} when it inherits the bucket's or the object
   * is absent.
   */
  CannedAcl objectAcl();

  /** Whether the request carries {@code response-*} query parameters (spec §2.5). */
  boolean hasResponseOverrides();

  /**
   * The target bucket's policy, if it has one; NoSuchBucket when the bucket is absent. Read only
   * for callers other than root.
   */
  default Optional<PolicyDocument> bucketPolicy() {
    return Optional.empty();
  }

  /** Region, owner and condition facts for policy evaluation. */
  default RequestEnvironment environment() {
    return new RequestEnvironment("*", "*", Headers.of(), null, Instant.EPOCH, false);
  }
}
