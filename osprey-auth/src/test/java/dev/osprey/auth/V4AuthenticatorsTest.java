package dev.osprey.auth;

import static dev.osprey.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.QueryParams.Param;
import dev.osprey.protocol.sign.SignatureV4;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V4 header and V4 presigned-URL authentication, driven by the Go v2 SDK's published vectors (spec
 * §5.3, §5.4).
 */
class V4AuthenticatorsTest {
  private static final String KEY = "1234+-/123/1.txt";
  private static final Instant SIGNED = Instant.ofEpochSecond(1702743657); // 20231216T162057Z
  private static final Instant PRESIGNED = Instant.ofEpochSecond(1702781677); // 20231217T025437Z
  private static final String HEADER_SIGNATURE =
      "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";
  private static final String URL_SIGNATURE =
      "a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe";

  private final CredentialStore store = StaticCredentialStore.ofRoot("ak", "sk");
  private final V4HeaderAuthenticator header = new V4HeaderAuthenticator(store);
  private final V4QueryAuthenticator url = new V4QueryAuthenticator(store);

  private static List<Param> vectorQuery() {
    return new ArrayList<>(
        List.of(
            new Param("param1", "value1"),
            new Param("+param1", "value3"),
            new Param("|param1", "value4"),
            new Param("+param2", ""),
            new Param("|param2", ""),
            new Param("param2", "")));
  }

  private static Headers vectorHeaders(String date, String authorization) {
    Headers h =
        Headers.of(
            "x-oss-head1", "value",
            "abc", "value",
            "ZAbc", "value",
            "XYZ", "value",
            "content-type", "text/plain",
            "x-oss-content-sha256", "UNSIGNED-PAYLOAD");
    if (date != null) {
      h.add("x-oss-date", date);
    }
    return h.add("Authorization", authorization);
  }

  private static String auth(String date, String region, String signature) {
    return "OSS4-HMAC-SHA256 Credential=ak/"
        + date
        + "/"
        + region
        + "/oss/aliyun_v4_request,Signature="
        + signature;
  }

  private static AuthRequest headerRequest(Headers h, Instant now) {
    return request("PUT", "bucket", KEY, new QueryParams(vectorQuery()), h, now);
  }

  private static OssException fail(Authenticator a, AuthRequest r) {
    return catchThrowableOfType(OssException.class, () -> a.authenticate(r));
  }

  @Test
  void acceptsTheHeaderVector() {
    Headers h =
        vectorHeaders("20231216T162057Z", auth("20231216", "cn-hangzhou", HEADER_SIGNATURE));
    assertThat(header.authenticate(headerRequest(h, SIGNED.plusSeconds(60))))
        .contains(new Principal.Root("ak"));
  }

  @Test
  void ignoresV1AndMissingHeaders() {
    Headers h = Headers.of("Authorization", "OSS ak:sig");
    assertThat(header.authenticate(request("GET", null, null, QueryParams.EMPTY, h, SIGNED)))
        .isEmpty();
  }

  @Test
  void mismatchCarriesCanonicalRequest() {
    String wrong = "00" + HEADER_SIGNATURE.substring(2);
    Headers h = vectorHeaders("20231216T162057Z", auth("20231216", "cn-hangzhou", wrong));
    OssException e = fail(header, headerRequest(h, SIGNED));
    assertThat(e.code()).isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.details())
        .containsKeys("OSSAccessKeyId", "SignatureProvided", "StringToSign", "CanonicalRequest");
    assertThat(e.details().get("CanonicalRequest")).startsWith("PUT\n/bucket/1234%2B-/123/1.txt\n");
    assertThat(e.details().get("StringToSign"))
        .startsWith(
            "OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n");
  }

  /**
   * The region comes from the credential scope: any region signs, but it must be the one signed
   * with.
   */
  @Test
  void anyRegionIsAcceptedWhenSignedWithIt() {
    Headers h = vectorHeaders("20231216T162057Z", auth("20231216", "us-west-1", HEADER_SIGNATURE));
    assertThat(fail(header, headerRequest(h, SIGNED)).code())
        .isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);

    Headers unsigned = vectorHeaders("20231216T162057Z", "placeholder");
    String canonical =
        SignatureV4.canonicalRequest(
            new SignatureV4.CanonicalInput(
                "PUT", "bucket", KEY, new QueryParams(vectorQuery()), unsigned, List.of()));
    String sts =
        SignatureV4.stringToSign(
            "20231216T162057Z", SignatureV4.scope("20231216", "us-west-1"), canonical);
    String sig = SignatureV4.signature(SignatureV4.signingKey("sk", "20231216", "us-west-1"), sts);
    Headers signed = vectorHeaders("20231216T162057Z", auth("20231216", "us-west-1", sig));
    assertThat(header.authenticate(headerRequest(signed, SIGNED))).isPresent();
  }

  @Test
  void credentialDateMustMatchOssDate() {
    Headers h =
        vectorHeaders("20231216T162057Z", auth("20231215", "cn-hangzhou", HEADER_SIGNATURE));
    OssException e = fail(header, headerRequest(h, SIGNED));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("credential date");
  }

  @Test
  void scopeNamingAnotherProductIsInvalidArgument() {
    String other =
        "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/s3/aliyun_v4_request,Signature="
            + HEADER_SIGNATURE;
    OssException e = fail(header, headerRequest(vectorHeaders("20231216T162057Z", other), SIGNED));
    assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).isEqualTo("Invalid signing product in Authorization header.");
  }

  @Test
  void ossDateIsRequiredAndMustBeIsoBasic() {
    Headers missing = vectorHeaders(null, auth("20231216", "cn-hangzhou", HEADER_SIGNATURE));
    assertThat(fail(header, headerRequest(missing, SIGNED)).getMessage()).contains("x-oss-date");
    Headers rfc =
        vectorHeaders(
            "Sat, 16 Dec 2023 16:20:57 GMT", auth("20231216", "cn-hangzhou", HEADER_SIGNATURE));
    assertThat(fail(header, headerRequest(rfc, SIGNED)).code())
        .isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  @Test
  void payloadHashMustBeUnsignedPayload() {
    Headers h =
        Headers.of(
            "x-oss-date",
            "20231216T162057Z",
            "Authorization",
            auth("20231216", "cn-hangzhou", HEADER_SIGNATURE));
    OssException missing = fail(header, headerRequest(h, SIGNED));
    assertThat(missing.code()).isEqualTo(OssErrorCode.INVALID_ARGUMENT);
    assertThat(missing.details()).containsEntry("ArgumentName", "x-oss-content-sha256");
    h.add(
        "x-oss-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(fail(header, headerRequest(h, SIGNED)).code())
        .isEqualTo(OssErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void headerClockSkew() {
    Headers h =
        vectorHeaders("20231216T162057Z", auth("20231216", "cn-hangzhou", HEADER_SIGNATURE));
    OssException e = fail(header, headerRequest(h, SIGNED.plusSeconds(16 * 60)));
    assertThat(e.code()).isEqualTo(OssErrorCode.REQUEST_TIME_TOO_SKEWED);
    assertThat(e.details()).containsEntry("RequestTime", "2023-12-16T16:20:57.000Z");
  }

  @Test
  void malformedHeaderIsAccessDenied() {
    Headers h =
        Headers.of(
            "Authorization", "OSS4-HMAC-SHA256 Signature=abc", "x-oss-date", "20231216T162057Z");
    assertThat(fail(header, headerRequest(h, SIGNED)).code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  private static AuthRequest urlRequest(String signature, Instant now) {
    List<Param> params = vectorQuery();
    params.add(new Param("x-oss-signature-version", "OSS4-HMAC-SHA256"));
    params.add(new Param("x-oss-date", "20231217T025437Z"));
    params.add(new Param("x-oss-expires", "599"));
    params.add(new Param("x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"));
    params.add(new Param("x-oss-signature", signature));
    Headers h = Headers.of("x-oss-head1", "value", "content-type", "application/octet-stream");
    return request("PUT", "bucket", KEY, new QueryParams(params), h, now);
  }

  @Test
  void acceptsThePresignedVectorUntilItExpires() {
    assertThat(url.authenticate(urlRequest(URL_SIGNATURE, PRESIGNED.plusSeconds(599))))
        .contains(new Principal.Root("ak"));
    OssException e = fail(url, urlRequest(URL_SIGNATURE, PRESIGNED.plusSeconds(600)));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).isEqualTo("Request has expired.");
  }

  @Test
  void presignedMismatchAndNonPresignedRequests() {
    assertThat(fail(url, urlRequest("ab" + URL_SIGNATURE.substring(2), PRESIGNED)).code())
        .isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(url.authenticate(headerRequest(new Headers(), PRESIGNED))).isEmpty();
  }

  /**
   * The C SDK over an IP endpoint signs a bucket's canonical URI as {@code /bucket}: accepted for
   * bucket-level requests, never for objects ({@code /bucketkey} is not {@code /bucket/key}).
   */
  @Test
  void bucketCanonicalUriWithoutTrailingSlashIsAccepted() {
    QueryParams listQuery =
        new QueryParams(new ArrayList<>(List.of(new Param("prefix", "c-sdk/"))));
    for (String uri : new String[] {"/bucket", "/bucket/"}) {
      Headers h = signedWithUri("GET", "bucket", null, listQuery, uri);
      assertThat(header.authenticate(request("GET", "bucket", null, listQuery, h, SIGNED)))
          .as(uri)
          .isPresent();
    }
    Headers object = signedWithUri("GET", "bucket", "key", QueryParams.EMPTY, "/bucketkey");
    assertThat(
            fail(header, request("GET", "bucket", "key", QueryParams.EMPTY, object, SIGNED)).code())
        .isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
    Headers wrong = signedWithUri("GET", "other", null, listQuery, "/other");
    assertThat(fail(header, request("GET", "bucket", null, listQuery, wrong, SIGNED)).code())
        .isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  private static Headers signedWithUri(
      String method, String bucket, String key, QueryParams query, String canonicalUri) {
    Headers unsigned =
        Headers.of("x-oss-content-sha256", "UNSIGNED-PAYLOAD", "x-oss-date", "20231216T162057Z");
    String canonical =
        SignatureV4.canonicalRequest(
            new SignatureV4.CanonicalInput(method, bucket, key, query, unsigned, List.of()),
            canonicalUri);
    String sts =
        SignatureV4.stringToSign(
            "20231216T162057Z", SignatureV4.scope("20231216", "cn-hangzhou"), canonical);
    String sig =
        SignatureV4.signature(SignatureV4.signingKey("sk", "20231216", "cn-hangzhou"), sts);
    return Headers.of(
        "x-oss-content-sha256",
        "UNSIGNED-PAYLOAD",
        "x-oss-date",
        "20231216T162057Z",
        "Authorization",
        auth("20231216", "cn-hangzhou", sig));
  }
}
