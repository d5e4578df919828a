package dev.osprey.auth;

import dev.osprey.protocol.CannedAcl;

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
}
