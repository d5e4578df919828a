package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.sign.SignatureV4;
import dev.osprey.protocol.sign.SignatureV4.CanonicalInput;
import dev.osprey.protocol.sign.SignatureV4.CredentialScope;
import dev.osprey.protocol.sign.SignatureV4.V4Authorization;
import java.time.Instant;
import java.util.Optional;

/**
 * Signature V4 in the header: {@code Authorization: OSS4-HMAC-SHA256 Credential=...,Signature=...}
 * (spec §5.3).
 *
 * <p>Any region in the credential scope is accepted: the region only feeds the signing key, and a
 * single-node server has no region of its own to insist on. SDKs need a region to sign V4 at all,
 * so this lets users keep whatever they configured ({@code cn-hangzhou} in most examples).
 */
public final class V4HeaderAuthenticator implements Authenticator {
  private static final String CONTENT_SHA256 = "x-oss-content-sha256";

  private final CredentialStore credentials;

  public V4HeaderAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    Headers headers = request.head().headers();
    String authorization = headers.get("authorization");
    if (authorization == null || !authorization.startsWith(SignatureV4.ALGORITHM)) {
      return Optional.empty();
    }
    V4Authorization auth = SignatureV4.parseAuthorization(authorization);
    if (auth == null) {
      throw AuthChecks.accessDenied(
          "The Authorization header is malformed: expected OSS4-HMAC-SHA256"
              + " Credential=AccessKeyId/date/region/oss/aliyun_v4_request[,AdditionalHeaders=...],Signature=...");
    }
    CredentialScope scope = auth.credential();
    checkProduct(scope);
    Credential credential =
        AuthChecks.lookup(
            credentials, scope.accessKeyId(), headers.get("x-oss-security-token"), request.now());

    String ossDate = headers.get("x-oss-date");
    Instant requestTime = requestTime(ossDate, scope);
    checkPayloadHash(headers.get(CONTENT_SHA256));
    AuthChecks.checkSkew(requestTime, request.now());

    RoutedRequest routed = request.routed();
    CanonicalInput in =
        new CanonicalInput(
            request.head().method(),
            routed.bucket(),
            routed.key(),
            routed.query(),
            headers,
            auth.additionalHeaders());
    String canonicalRequest = SignatureV4.canonicalRequest(in);
    String stringToSign = SignatureV4.stringToSign(ossDate, scope.scope(), canonicalRequest);
    byte[] signingKey = SignatureV4.signingKey(credential.secret(), scope.date(), scope.region());
    String expected = SignatureV4.signature(signingKey, stringToSign);
    if (!AuthChecks.signatureMatches(expected, auth.signature())
        && !matchesWithoutBucketSlash(in, ossDate, scope, signingKey, auth.signature())) {
      throw AuthChecks.signatureMismatch(scope.accessKeyId(), auth.signature(), stringToSign)
          .detail("CanonicalRequest", canonicalRequest);
    }
    return Optional.of(credential.principal());
  }

  /**
   * The C SDK (3.11.2) addressing a bucket over an IP endpoint signs the canonical URI {@code
   * /bucket} without the trailing slash, as it does in V1; bucket-level requests get a second
   * chance with that URI. Object requests never do.
   */
  private static boolean matchesWithoutBucketSlash(
      CanonicalInput in,
      String ossDate,
      CredentialScope scope,
      byte[] signingKey,
      String provided) {
    if (in.bucket() == null || in.key() != null) {
      return false;
    }
    String canonicalRequest =
        SignatureV4.canonicalRequest(in, SignatureV4.uriEncode("/" + in.bucket(), true));
    String stringToSign = SignatureV4.stringToSign(ossDate, scope.scope(), canonicalRequest);
    return AuthChecks.signatureMatches(SignatureV4.signature(signingKey, stringToSign), provided);
  }

  /** A scope naming another product than {@code oss} is what OSS calls an invalid argument. */
  static void checkProduct(CredentialScope scope) {
    if (!SignatureV4.PRODUCT.equals(scope.product())) {
      throw OssException.of(
          OssErrorCode.INVALID_ARGUMENT, "Invalid signing product in Authorization header.");
    }
  }

  /** Parses the ISO basic request time and checks the credential scope is for that day. */
  static Instant requestTime(String ossDate, CredentialScope scope) {
    if (ossDate == null || ossDate.isBlank()) {
      throw AuthChecks.accessDenied("A V4 signed request must carry the x-oss-date header.");
    }
    Instant t = HttpDates.parseIso8601Basic(ossDate);
    if (t == null) {
      throw AuthChecks.accessDenied(
          "x-oss-date must be in ISO 8601 basic form, e.g. 20231216T162057Z.");
    }
    if (!ossDate.startsWith(scope.date())) {
      throw AuthChecks.accessDenied(
          "Invalid credential date "
              + scope.date()
              + ": it must be the date of x-oss-date "
              + ossDate
              + ".");
    }
    return t;
  }

  /**
   * Every SDK sends {@code UNSIGNED-PAYLOAD} (spec §5.3). A real SHA-256 would promise an integrity
   * check the server does not perform, so it is refused rather than silently trusted.
   */
  private static void checkPayloadHash(String value) {
    if (value == null) {
      throw OssException.invalidArgument(
          "Missing required header for V4 signature: x-oss-content-sha256.", CONTENT_SHA256, "");
    }
    if (!SignatureV4.UNSIGNED_PAYLOAD.equals(value)) {
      throw OssException.invalidArgument(
          "x-oss-content-sha256 must be UNSIGNED-PAYLOAD.", CONTENT_SHA256, value);
    }
  }
}
