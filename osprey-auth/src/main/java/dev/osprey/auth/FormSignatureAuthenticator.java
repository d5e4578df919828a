package dev.osprey.auth;

import dev.osprey.protocol.OssException;
import dev.osprey.protocol.sign.SignatureV1;
import dev.osprey.protocol.sign.SignatureV4;
import java.time.Instant;
import java.util.function.Function;

/**
 * Who sent a form upload (PostObject): the signature is over the base64 policy field, not over the
 * request. V1: {@code OSSAccessKeyId} and {@code Signature} = base64 HMAC-SHA1(secret, policy). V4:
 * {@code x-oss-signature-version: OSS4-HMAC-SHA256}, {@code x-oss-credential}
 * (AK/date/region/oss/aliyun_v4_request), {@code x-oss-date} and {@code x-oss-signature} = hex
 * HMAC-SHA256(signing key, policy). A form with neither is anonymous. Freshness comes from the
 * policy's expiration, which the caller checks.
 */
public final class FormSignatureAuthenticator {
  private final CredentialStore credentials;

  public FormSignatureAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /**
   * @param field a form field's value by lower-case name, null when absent
   * @param now the request's arrival time (for temporary credentials)
   */
  public Principal authenticate(Function<String, String> field, Instant now) {
    String version = field.apply("x-oss-signature-version");
    if (version != null) {
      if (!SignatureV4.ALGORITHM.equals(version)) {
        throw OssException.invalidArgument(
            "Unsupported signature version.", "x-oss-signature-version", version);
      }
      return v4(field, now);
    }
    String accessKeyId = field.apply("ossaccesskeyid");
    if (accessKeyId == null) {
      if (field.apply("signature") != null) {
        throw AuthChecks.accessDenied("A form with a Signature needs an OSSAccessKeyId.");
      }
      return new Principal.Anonymous();
    }
    String policy = requiredPolicy(field);
    String provided = required(field, "signature", "Signature");
    Credential credential =
        AuthChecks.lookup(credentials, accessKeyId, field.apply("x-oss-security-token"), now);
    if (!AuthChecks.signatureMatches(SignatureV1.sign(credential.secret(), policy), provided)) {
      throw AuthChecks.signatureMismatch(accessKeyId, provided, policy);
    }
    return credential.principal();
  }

  private Principal v4(Function<String, String> field, Instant now) {
    String policy = requiredPolicy(field);
    String rawCredential = required(field, "x-oss-credential", "x-oss-credential");
    required(field, "x-oss-date", "x-oss-date");
    String provided = required(field, "x-oss-signature", "x-oss-signature");
    SignatureV4.CredentialScope scope = SignatureV4.parseCredential(rawCredential);
    if (scope == null || !SignatureV4.PRODUCT.equals(scope.product())) {
      throw OssException.invalidArgument(
          "Invalid x-oss-credential.", "x-oss-credential", rawCredential);
    }
    Credential credential =
        AuthChecks.lookup(
            credentials, scope.accessKeyId(), field.apply("x-oss-security-token"), now);
    byte[] key = SignatureV4.signingKey(credential.secret(), scope.date(), scope.region());
    if (!AuthChecks.signatureMatches(SignatureV4.signature(key, policy), provided)) {
      throw AuthChecks.signatureMismatch(scope.accessKeyId(), provided, policy);
    }
    return credential.principal();
  }

  /** A signed form must carry the policy it signed. */
  private static String requiredPolicy(Function<String, String> field) {
    String policy = field.apply("policy");
    if (policy == null || policy.isEmpty()) {
      throw OssException.invalidArgument(
          "A signed form upload needs a policy field.", "policy", "");
    }
    return policy;
  }

  private static String required(Function<String, String> field, String name, String shown) {
    String value = field.apply(name);
    if (value == null || value.isEmpty()) {
      throw OssException.invalidArgument("The form lacks the " + shown + " field.", shown, "");
    }
    return value;
  }
}
