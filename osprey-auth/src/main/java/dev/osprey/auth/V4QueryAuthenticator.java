package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.sign.SignatureV4;
import dev.osprey.protocol.sign.SignatureV4.CanonicalInput;
import dev.osprey.protocol.sign.SignatureV4.CredentialScope;
import java.time.Instant;
import java.util.Optional;

/**
 * Signature V4 in the URL (spec §5.4): {@code x-oss-signature-version}, {@code x-oss-credential},
 * {@code x-oss-date}, {@code x-oss-expires} (seconds, at most 7 days), optional {@code
 * x-oss-additional-headers}, then {@code x-oss-signature}. The canonical query holds every
 * parameter except the signature; the payload is unsigned. Any region is accepted, as for {@link
 * V4HeaderAuthenticator}.
 */
public final class V4QueryAuthenticator implements Authenticator {
  static final String VERSION = "x-oss-signature-version";
  static final String CREDENTIAL = "x-oss-credential";
  static final String DATE = "x-oss-date";
  static final String EXPIRES = "x-oss-expires";
  static final String ADDITIONAL_HEADERS = "x-oss-additional-headers";
  static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

  private final CredentialStore credentials;

  public V4QueryAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    RoutedRequest routed = request.routed();
    QueryParams query = routed.query();
    if (!query.has(SignatureV4.SIGNATURE_PARAM) && !query.has(CREDENTIAL)) {
      return Optional.empty();
    }
    Headers headers = request.head().headers();
    if (headers.contains("authorization")) {
      throw AuthChecks.accessDenied(
          "A URL signature and an Authorization header must not be combined.");
    }
    if (!SignatureV4.ALGORITHM.equals(query.get(VERSION))) {
      throw AuthChecks.accessDenied("x-oss-signature-version must be OSS4-HMAC-SHA256.");
    }
    CredentialScope scope = SignatureV4.parseCredential(query.get(CREDENTIAL));
    String provided = query.get(SignatureV4.SIGNATURE_PARAM);
    if (scope == null || provided == null || provided.isEmpty()) {
      throw AuthChecks.accessDenied(
          "A V4 presigned URL needs x-oss-credential=AccessKeyId/date/region/oss/aliyun_v4_request and"
              + " x-oss-signature.");
    }
    V4HeaderAuthenticator.checkProduct(scope);
    String token =
        AuthChecks.securityToken(
            query.get("x-oss-security-token"), headers.get("x-oss-security-token"));
    Credential credential =
        AuthChecks.lookup(credentials, scope.accessKeyId(), token, request.now());
    String ossDate = query.get(DATE);
    Instant signedAt = V4HeaderAuthenticator.requestTime(ossDate, scope);
    checkNotExpired(signedAt, query.get(EXPIRES), request.now());

    CanonicalInput in =
        new CanonicalInput(
            request.head().method(),
            routed.bucket(),
            routed.key(),
            query,
            headers,
            SignatureV4.parseHeaderList(query.get(ADDITIONAL_HEADERS)));
    String canonicalRequest = SignatureV4.canonicalRequest(in);
    String stringToSign = SignatureV4.stringToSign(ossDate, scope.scope(), canonicalRequest);
    String expected =
        SignatureV4.signature(
            SignatureV4.signingKey(credential.secret(), scope.date(), scope.region()),
            stringToSign);
    if (!AuthChecks.signatureMatches(expected, provided)) {
      throw AuthChecks.signatureMismatch(scope.accessKeyId(), provided, stringToSign)
          .detail("CanonicalRequest", canonicalRequest);
    }
    return Optional.of(credential.principal());
  }

  private static void checkNotExpired(Instant signedAt, String expires, Instant now) {
    long seconds;
    try {
      seconds = Long.parseLong(expires == null ? "" : expires.trim());
    } catch (NumberFormatException e) {
      throw AuthChecks.accessDenied("x-oss-expires must be a number of seconds.");
    }
    if (seconds <= 0 || seconds > MAX_EXPIRES_SECONDS) {
      throw AuthChecks.accessDenied("x-oss-expires must be between 1 and 604800 seconds.");
    }
    Instant expiry = signedAt.plusSeconds(seconds);
    if (now.isAfter(expiry)) {
      throw AuthChecks.accessDenied("Request has expired.")
          .detail("Expires", HttpDates.formatIso8601(expiry))
          .detail("ServerTime", HttpDates.formatIso8601(now));
    }
  }
}
