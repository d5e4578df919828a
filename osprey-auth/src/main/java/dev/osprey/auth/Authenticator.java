package dev.osprey.auth;

import java.util.Optional;

/**
 * One authentication scheme (V1 header, V4 header, V1 presigned URL, ...). Returns empty when the
 * request does not use this scheme; throws an OssException (SignatureDoesNotMatch,
 * InvalidAccessKeyId, RequestTimeTooSkewed, ...) when it does but fails.
 */
@FunctionalInterface
public interface Authenticator {
  Optional<Principal> authenticate(AuthRequest request);
}
