package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.sign.SignatureV1;
import java.time.Instant;
import java.util.Optional;

/** Signature V1 in the header: {@code Authorization: OSS <AccessKeyId>:<Signature>} (spec §5.1). */
public final class V1HeaderAuthenticator implements Authenticator {
  static final String SCHEME = "OSS ";

  private final CredentialStore credentials;

  public V1HeaderAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public Optional<Principal> authenticate(AuthRequest request) {
    Headers headers = request.head().headers();
    String authorization = headers.get("authorization");
    if (authorization == null || !authorization.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String value = authorization.substring(SCHEME.length()).trim();
    int colon = value.indexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw AuthChecks.accessDenied(
          "The Authorization header is malformed: expected OSS AccessKeyId:Signature.");
    }
    String accessKeyId = value.substring(0, colon);
    String provided = value.substring(colon + 1);
    Credential credential =
        AuthChecks.lookup(
            credentials, accessKeyId, headers.get("x-oss-security-token"), request.now());

    String dateLine = SignatureV1.dateLine(headers);
    AuthChecks.checkSkew(requestTime(dateLine), request.now());

    RoutedRequest routed = request.routed();
    String method = request.head().method();
    String resource =
        SignatureV1.canonicalizedResource(routed.bucket(), routed.key(), routed.query());
    String stringToSign = SignatureV1.stringToSign(method, headers, dateLine, resource);
    if (!AuthChecks.signatureMatches(SignatureV1.sign(credential.secret(), stringToSign), provided)
        && !matchesWithoutBucketSlash(credential, request, dateLine, provided)) {
      throw AuthChecks.signatureMismatch(accessKeyId, provided, stringToSign);
    }
    return Optional.of(credential.principal());
  }

  /**
   * The C SDK addressing a bucket over an IP endpoint signs {@code /bucket} without the trailing
   * slash (spec §5.1, SDK-derived), so bucket-level requests get a second chance with that
   * resource.
   */
  private static boolean matchesWithoutBucketSlash(
      Credential credential, AuthRequest request, String dateLine, String provided) {
    RoutedRequest routed = request.routed();
    if (routed.bucket() == null || routed.key() != null) {
      return false;
    }
    StringBuilder resource = new StringBuilder("/").append(routed.bucket());
    SignatureV1.appendSubResources(resource, routed.query());
    String stringToSign =
        SignatureV1.stringToSign(
            request.head().method(), request.head().headers(), dateLine, resource.toString());
    return AuthChecks.signatureMatches(
        SignatureV1.sign(credential.secret(), stringToSign), provided);
  }

  /**
   * The time on the Date line. SDKs send RFC 1123 in both {@code Date} and {@code x-oss-date} for
   * V1; the ISO basic form (what V4 puts in {@code x-oss-date}) is accepted too, for clients that
   * mix the two.
   */
  private static Instant requestTime(String dateLine) {
    if (dateLine == null || dateLine.isBlank()) {
      throw AuthChecks.accessDenied("A signed request must carry a Date or x-oss-date header.");
    }
    Instant t = HttpDates.parseRfc1123(dateLine);
    if (t == null) {
      t = HttpDates.parseIso8601Basic(dateLine);
    }
    if (t == null) {
      throw AuthChecks.accessDenied("The Date or x-oss-date header is not a valid HTTP date.");
    }
    return t;
  }
}
