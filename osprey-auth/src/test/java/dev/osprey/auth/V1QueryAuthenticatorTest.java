package dev.osprey.auth;

import static dev.osprey.auth.TestRequests.query;
import static dev.osprey.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Presigned V1 URLs, with the Go v2 SDK's vectors (spec §5.2). */
class V1QueryAuthenticatorTest {
  private static final Instant EXPIRES = Instant.ofEpochSecond(1699807420);
  private final V1QueryAuthenticator auth =
      new V1QueryAuthenticator(StaticCredentialStore.ofRoot("ak", "sk"));

  private static AuthRequest vector(String signature, Instant now, Headers headers) {
    QueryParams q =
        query(
            "versionId",
            "versionId",
            "OSSAccessKeyId",
            "ak",
            "Expires",
            "1699807420",
            "Signature",
            signature);
    return request("GET", "bucket", "key", q, headers, now);
  }

  private OssException fail(AuthRequest r) {
    return catchThrowableOfType(OssException.class, () -> auth.authenticate(r));
  }

  @Test
  void acceptsVectorUntilExpiry() {
    assertThat(auth.authenticate(vector("dcLTea+Yh9ApirQ8o8dOPqtvJXQ=", EXPIRES, new Headers())))
        .contains(new Principal.Root("ak"));
    OssException e =
        fail(vector("dcLTea+Yh9ApirQ8o8dOPqtvJXQ=", EXPIRES.plusSeconds(1), new Headers()));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).isEqualTo("Request has expired.");
    assertThat(e.details()).containsEntry("Expires", "2023-11-12T16:43:40.000Z");
  }

  @Test
  void wrongSignature() {
    OssException e = fail(vector("dcLTea+Yh9ApirQ8o8dOPqtvJXq=", EXPIRES, new Headers()));
    assertThat(e.code()).isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.details())
        .containsEntry("StringToSign", "GET\n\n\n1699807420\n/bucket/key?versionId=versionId");
  }

  @Test
  void securityTokenWithALongTermKeyIsRejected() {
    QueryParams q =
        query(
            "versionId",
            "versionId",
            "security-token",
            "token",
            "OSSAccessKeyId",
            "ak",
            "Expires",
            "1699808204",
            "Signature",
            "jzKYRrM5y6Br0dRFPaTGOsbrDhY=");
    OssException e = fail(request("GET", "bucket", "key+123", q, new Headers(), EXPIRES));
    assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
  }

  @Test
  void urlSignatureAndAuthorizationHeaderMustNotBeCombined() {
    OssException e =
        fail(
            vector(
                "dcLTea+Yh9ApirQ8o8dOPqtvJXQ=", EXPIRES, Headers.of("Authorization", "OSS a:b")));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  @Test
  void incompleteOrNonPresignedRequests() {
    QueryParams partial = query("OSSAccessKeyId", "ak", "Signature", "x");
    assertThat(fail(request("GET", "bucket", "key", partial, new Headers(), EXPIRES)).code())
        .isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(
            auth.authenticate(
                request("GET", "bucket", "key", query("acl", ""), new Headers(), EXPIRES)))
        .isEmpty();
  }
}
