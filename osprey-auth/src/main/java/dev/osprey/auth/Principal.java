package dev.osprey.auth;

import dev.osprey.auth.policy.PolicyDocument;
import java.time.Instant;
import java.util.List;

/** Who is asking, once authentication is done. */
public sealed interface Principal {

  /** The account owner: the root access key. Full access to everything. */
  record Root(String accessKeyId) implements Principal {}

  /** No credentials at all: only what ACLs or bucket policies grant to everyone. */
  record Anonymous() implements Principal {}

  /**
   * A RAM user of the account, signing with one of its access keys, or with temporary (STS)
   * credentials issued for it.
   *
   * @param userName the user's name
   * @param userId the user's id, which bucket policies name in {@code Principal}
   * @param accessKeyId the key the request was signed with ({@code acs:AccessId})
   * @param policies the user's attached (identity) policies, read when the key was looked up
   * @param session for temporary credentials: the session's limits; null for a long-term key
   */
  record RamUser(
      String userName,
      String userId,
      String accessKeyId,
      List<PolicyDocument> policies,
      StsSession session)
      implements Principal {
    public RamUser {
      policies = List.copyOf(policies);
    }

    /** The same user acting through temporary credentials. */
    public RamUser withSession(String stsAccessKeyId, StsSession newSession) {
      return new RamUser(userName, userId, stsAccessKeyId, policies, newSession);
    }
  }

  /**
   * The limits of a temporary-credential session.
   *
   * @param expiration when the credentials stop working
   * @param policy the session policy given when they were issued: effective permissions are the
   *     intersection of the user's and this one's; null when none was given
   */
  record StsSession(Instant expiration, PolicyDocument policy) {}
}
