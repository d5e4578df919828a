package dev.osprey.auth;

import static dev.osprey.auth.TestRequests.query;
import static dev.osprey.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class V1HeaderAuthenticatorTest {
  private static final String SECRET = "OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV";
  private static final String DOC_DATE = "Thu, 17 Nov 2005 18:49:58 GMT";
  private static final Instant DOC_TIME = HttpDates.parseRfc1123(DOC_DATE);

  private final V1HeaderAuthenticator auth =
      new V1HeaderAuthenticator(StaticCredentialStore.ofRoot("44CF9590006BF252F707", SECRET));

  /** The documentation's request (spec §5.1), as it would arrive. */
  private static Headers docHeaders(String signature) {
    return Headers.of(
        "Content-MD5", "ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=",
        "Content-Type", "text/html",
        "Date", DOC_DATE,
        "Host", "oss-example.oss-cn-hangzhou.aliyuncs.com",
        "X-OSS-Meta-Author", "foo@bar.com",
        "X-OSS-Magic", "abracadabra",
        "Authorization", "OSS 44CF9590006BF252F707:" + signature);
  }

  private OssException fail(AuthRequest r) {
    return catchThrowableOfType(OssException.class, () -> auth.authenticate(r));
  }

  @Test
  void acceptsTheDocumentationRequest() {
    AuthRequest r =
        request(
            "PUT",
            "oss-example",
            "nelson",
            QueryParams.EMPTY,
            docHeaders("26NBxoKdsyly4EDv6inkoDft/yA="),
            DOC_TIME.plusSeconds(30));
    assertThat(auth.authenticate(r)).contains(new Principal.Root("44CF9590006BF252F707"));
  }

  @Test
  void ignoresOtherSchemes() {
    Headers h = Headers.of("Authorization", "OSS4-HMAC-SHA256 Credential=x", "Date", DOC_DATE);
    assertThat(auth.authenticate(request("GET", null, null, QueryParams.EMPTY, h, DOC_TIME)))
        .isEmpty();
    assertThat(
            auth.authenticate(
                request("GET", null, null, QueryParams.EMPTY, new Headers(), DOC_TIME)))
        .isEmpty();
  }

  @Test
  void wrongSignatureGivesMismatchWithDiagnostics() {
    OssException e =
        fail(
            request(
                "PUT",
                "oss-example",
                "nelson",
                QueryParams.EMPTY,
                docHeaders("AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
                DOC_TIME));
    assertThat(e.code()).isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.details())
        .containsEntry("OSSAccessKeyId", "44CF9590006BF252F707")
        .containsEntry("SignatureProvided", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .containsEntry(
            "StringToSign",
            "PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\n"
                + DOC_DATE
                + "\n"
                + "x-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson");
    assertThat(e.details().get("StringToSignBytes"))
        .startsWith("50 55 54 0A 4F 44 42")
        .endsWith("73 6F 6E");
  }

  @Test
  void signatureOverADifferentKeyDoesNotMatch() {
    OssException e =
        fail(
            request(
                "PUT",
                "oss-example",
                "nelson2",
                QueryParams.EMPTY,
                docHeaders("26NBxoKdsyly4EDv6inkoDft/yA="),
                DOC_TIME));
    assertThat(e.code()).isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void unknownAccessKeyId() {
    Headers h = Headers.of("Date", DOC_DATE, "Authorization", "OSS nobody:abc=");
    OssException e = fail(request("GET", null, null, QueryParams.EMPTY, h, DOC_TIME));
    assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_ACCESS_KEY_ID);
    assertThat(e.details()).containsEntry("OSSAccessKeyId", "nobody");
  }

  @Test
  void malformedCredentialIsAccessDenied() {
    Headers h = Headers.of("Date", DOC_DATE, "Authorization", "OSS justakey");
    assertThat(fail(request("GET", null, null, QueryParams.EMPTY, h, DOC_TIME)).code())
        .isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  @Test
  void clockSkewBeyondFifteenMinutes() {
    Instant now = DOC_TIME.plus(Duration.ofMinutes(15)).plusSeconds(1);
    OssException e =
        fail(
            request(
                "PUT",
                "oss-example",
                "nelson",
                QueryParams.EMPTY,
                docHeaders("26NBxoKdsyly4EDv6inkoDft/yA="),
                now));
    assertThat(e.code()).isEqualTo(OssErrorCode.REQUEST_TIME_TOO_SKEWED);
    assertThat(e.details())
        .containsEntry("RequestTime", "2005-11-17T18:49:58.000Z")
        .containsEntry("ServerTime", "2005-11-17T19:04:59.000Z");
    // exactly 15 minutes early is still fine
    assertThat(
            auth.authenticate(
                request(
                    "PUT",
                    "oss-example",
                    "nelson",
                    QueryParams.EMPTY,
                    docHeaders("26NBxoKdsyly4EDv6inkoDft/yA="),
                    DOC_TIME.minus(Duration.ofMinutes(15)))))
        .isPresent();
  }

  @Test
  void missingOrBadDateIsAccessDenied() {
    Headers none = Headers.of("Authorization", "OSS 44CF9590006BF252F707:abc=");
    assertThat(fail(request("GET", null, null, QueryParams.EMPTY, none, DOC_TIME)).getMessage())
        .contains("Date or x-oss-date");
    Headers bad =
        Headers.of("Authorization", "OSS 44CF9590006BF252F707:abc=", "Date", "last tuesday");
    assertThat(fail(request("GET", null, null, QueryParams.EMPTY, bad, DOC_TIME)).code())
        .isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  /**
   * ali-oss style: no Date, x-oss-date on the Date line and among the OSS headers; {@code append=}
   * (spec §9b).
   */
  @Test
  void aliOssAppendWithOssDateAndEmptyAppendValue() {
    String sts =
        "POST\n\napplication/octet-stream\n"
            + DOC_DATE
            + "\nx-oss-date:"
            + DOC_DATE
            + "\n/bkt/log.txt?append&position=6";
    Headers h =
        Headers.of(
            "x-oss-date",
            DOC_DATE,
            "Content-Type",
            "application/octet-stream",
            "Authorization",
            "OSS 44CF9590006BF252F707:" + SignatureV1.sign(SECRET, sts));
    AuthRequest r =
        request("POST", "bkt", "log.txt", query("append", "", "position", "6"), h, DOC_TIME);
    assertThat(auth.authenticate(r)).isPresent();
  }

  /** The C SDK over an IP endpoint signs bucket requests as {@code /bucket} (spec §5.1). */
  @Test
  void bucketResourceWithoutTrailingSlashIsAccepted() {
    String withoutSlash = "GET\n\n\n" + DOC_DATE + "\n/bkt?acl";
    String withSlash = "GET\n\n\n" + DOC_DATE + "\n/bkt/?acl";
    for (String sts : new String[] {withoutSlash, withSlash}) {
      Headers h =
          Headers.of(
              "Date",
              DOC_DATE,
              "Authorization",
              "OSS 44CF9590006BF252F707:" + SignatureV1.sign(SECRET, sts));
      assertThat(auth.authenticate(request("GET", "bkt", null, query("acl", null), h, DOC_TIME)))
          .isPresent();
    }
    // ... but not for objects: "/bktkey" must not stand in for "/bkt/key".
    String objectWithoutSlash = "GET\n\n\n" + DOC_DATE + "\n/bktkey";
    Headers h =
        Headers.of(
            "Date",
            DOC_DATE,
            "Authorization",
            "OSS 44CF9590006BF252F707:" + SignatureV1.sign(SECRET, objectWithoutSlash));
    assertThat(fail(request("GET", "bkt", "key", QueryParams.EMPTY, h, DOC_TIME)).code())
        .isEqualTo(OssErrorCode.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void securityTokenWithALongTermKeyIsRejected() {
    String sts = "GET\n\n\n" + DOC_DATE + "\nx-oss-security-token:tok\n/";
    Headers h =
        Headers.of(
            "Date",
            DOC_DATE,
            "x-oss-security-token",
            "tok",
            "Authorization",
            "OSS 44CF9590006BF252F707:" + SignatureV1.sign(SECRET, sts));
    assertThat(fail(request("GET", null, null, QueryParams.EMPTY, h, DOC_TIME)).code())
        .isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
  }
}
