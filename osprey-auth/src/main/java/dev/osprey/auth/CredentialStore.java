package dev.osprey.auth;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.time.Instant;
import java.util.Optional;

/** Where authenticators look access keys up: the root key, RAM users' keys, STS credentials. */
@FunctionalInterface
public interface CredentialStore {
  Optional<Credential> find(String accessKeyId);

  /**
   * The credential of a request signed with {@code accessKeyId} that carries {@code securityToken}
   * (spec §5.5), at the request's time {@code now}. This default knows long-term keys only, so any
   * token is refused: ignoring it would let a client believe it runs within a session's limits.
   *
   * @param securityToken the token as received, or null when the request carries none
   * @throws OssException InvalidSecurityToken (or SecurityTokenExpired) when the token is refused
   */
  default Optional<Credential> find(String accessKeyId, String securityToken, Instant now) {
    if (securityToken != null) {
      throw OssException.of(OssErrorCode.INVALID_SECURITY_TOKEN);
    }
    return find(accessKeyId);
  }
}
