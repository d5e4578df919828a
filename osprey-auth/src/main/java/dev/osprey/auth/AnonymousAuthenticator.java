package dev.osprey.auth;

import dev.osprey.protocol.QueryParams;
import java.util.List;
import java.util.Optional;

/**
 * The request carries no credentials at all: no {@code Authorization} header and none of the
 * presigned-URL parameters. Such a request is {@link Principal.Anonymous}; what it may do is the
 * {@link Authorizer}'s business. A request that carries credentials of any kind is never treated as
 * anonymous, even when nothing understood them.
 */
public final class AnonymousAuthenticator implements Authenticator {
  static final List<String> SIGNATURE_PARAMS =
      List.of(
          V1QueryAuthenticator.SIGNATURE,
          V1QueryAuthenticator.ACCESS_KEY_ID,
          "x-oss-signature",
          V4QueryAuthenticator.CREDENTIAL);

  private static final Principal ANONYMOUS = new Principal.Anonymous();

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    if (request.head().headers().contains("authorization")) {
      return Optional.empty();
    }
    QueryParams query = request.routed().query();
    for (String name : SIGNATURE_PARAMS) {
      if (query.has(name)) {
        return Optional.empty();
      }
    }
    return Optional.of(ANONYMOUS);
  }
}
