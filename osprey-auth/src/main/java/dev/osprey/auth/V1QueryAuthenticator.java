package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.sign.SignatureV1;
import java.time.Instant;
import java.util.Optional;

/**
 * Signature V1 in the URL (presigned URL): {@code ?OSSAccessKeyId=..&Expires=<unix
 * seconds>&Signature=..} (spec §5.2). The string to sign is the V1 one with {@code Expires} on the
 * Date line; there is no skew check, only the expiry.
 */
public final class V1QueryAuthenticator implements Authenticator {
  static final String ACCESS_KEY_ID = "OSSAccessKeyId";
  static final String EXPIRES = "Expires";
  static final String SIGNATURE = "Signature";

  private final CredentialStore credentials;

  public V1QueryAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    RoutedRequest routed = request.routed();
    QueryParams query = routed.query();
    if (!query.has(ACCESS_KEY_ID) && !query.has(SIGNATURE)) {
      return Optional.empty();
    }
    Headers headers = request.head().headers();
    if (headers.contains("authorization")) {
      throw AuthChecks.accessDenied(
          "A URL signature and an Authorization header must not be combined.");
    }
    String accessKeyId = query.get(ACCESS_KEY_ID);
    String expires = query.get(EXPIRES);
    String provided = query.get(SIGNATURE);
    if (isBlank(accessKeyId) || isBlank(expires) || isBlank(provided)) {
      throw AuthChecks.accessDenied("A presigned URL needs OSSAccessKeyId, Expires and Signature.");
    }
    String token =
        AuthChecks.securityToken(query.get("security-token"), headers.get("x-oss-security-token"));
    Credential credential = AuthChecks.lookup(credentials, accessKeyId, token, request.now());
    checkNotExpired(expires, request.now());

    String resource = SignatureV1.canonicalizedResource(routed.bucket(), routed.key(), query);
    String stringToSign =
        SignatureV1.stringToSign(request.head().method(), headers, expires, resource);
    if (!AuthChecks.signatureMatches(
        SignatureV1.sign(credential.secret(), stringToSign), provided)) {
      throw AuthChecks.signatureMismatch(accessKeyId, provided, stringToSign);
    }
    return Optional.of(credential.principal());
  }

  private static void checkNotExpired(String expires, Instant now) {
    long epochSeconds;
    try {
      epochSeconds = Long.parseLong(expires.trim());
    } catch (NumberFormatException e) {
      throw AuthChecks.accessDenied("Expires must be a Unix time in seconds.");
    }
    if (epochSeconds > now.getEpochSecond()) {
      return; // not expired, however far away (a time past Instant.MAX included)
    }
    Instant expiry = Instant.ofEpochSecond(Math.max(epochSeconds, Instant.MIN.getEpochSecond()));
    if (now.isAfter(expiry)) {
      throw AuthChecks.accessDenied("Request has expired.")
          .detail("Expires", HttpDates.formatIso8601(expiry))
          .detail("ServerTime", HttpDates.formatIso8601(now));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
