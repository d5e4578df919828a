package dev.osprey.auth;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks every signature scheme shares: key lookup, clock skew, constant-time comparison, mismatch
 * details.
 */
final class AuthChecks {
  /** Spec §5.1: more than 15 minutes between client and server clocks is RequestTimeTooSkewed. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private AuthChecks() {}

  /**
   * The credential for {@code accessKeyId}, checking the request's security token (null when none)
   * on the way: temporary credentials exist only through their token.
   */
  static Credential lookup(
      CredentialStore store, String accessKeyId, String securityToken, Instant now) {
    return store
        .find(accessKeyId, securityToken, now)
        .orElseThrow(
            () ->
                OssException.of(OssErrorCode.INVALID_ACCESS_KEY_ID)
                    .detail("OSSAccessKeyId", accessKeyId));
  }

  /** A token in the URL and another in a header would leave it unclear which one was meant. */
  static String securityToken(String fromQuery, String fromHeader) {
    if (fromQuery != null && fromHeader != null && !fromQuery.equals(fromHeader)) {
      throw OssException.of(
          OssErrorCode.INVALID_SECURITY_TOKEN,
          "The URL and the x-oss-security-token header carry different security tokens.");
    }
    return fromQuery != null ? fromQuery : fromHeader;
  }

  static void checkSkew(Instant requestTime, Instant now) {
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      throw OssException.of(OssErrorCode.REQUEST_TIME_TOO_SKEWED)
          .detail("RequestTime", HttpDates.formatIso8601(requestTime))
          .detail("ServerTime", HttpDates.formatIso8601(now));
    }
  }

  /**
   * Compares in time independent of where the strings differ, so a forger learns nothing from
   * timing.
   */
  static boolean signatureMatches(String expected, String provided) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), provided.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * SignatureDoesNotMatch with the elements OSS sends (spec §4.1), so a client author can diff
   * string-to-sign against their own. The secret is in none of them.
   */
  static OssException signatureMismatch(String accessKeyId, String provided, String stringToSign) {
    return OssException.of(OssErrorCode.SIGNATURE_DOES_NOT_MATCH)
        .detail("OSSAccessKeyId", accessKeyId)
        .detail("SignatureProvided", provided)
        .detail("StringToSign", stringToSign)
        .detail("StringToSignBytes", hexBytes(stringToSign));
  }

  /**
   * The UTF-8 bytes as space-separated two-digit upper-case hex, as OSS prints StringToSignBytes.
   */
  static String hexBytes(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(Character.toUpperCase(Character.forDigit((b >>> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
    return sb.toString();
  }

  static OssException accessDenied(String message) {
    return OssException.of(OssErrorCode.ACCESS_DENIED, message);
  }
}
