package dev.osprey.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.QueryParams.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureV1Test {

  private static QueryParams query(String... namesAndValues) {
    Param[] params = new Param[namesAndValues.length / 2];
    for (int i = 0; i < params.length; i++) {
      params[i] = new Param(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
    }
    return new QueryParams(List.of(params));
  }

  /**
   * The documentation's example (spec §5.1), with the Content-MD5 that actually yields the
   * published signature.
   */
  @Test
  void documentationHeaderVector() {
    Headers headers =
        Headers.of(
            "Content-MD5", "ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=",
            "Content-Type", "text/html",
            "Date", "Thu, 17 Nov 2005 18:49:58 GMT",
            "Host", "oss-example.oss-cn-hangzhou.aliyuncs.com",
            "X-OSS-Meta-Author", "foo@bar.com",
            "X-OSS-Magic", "abracadabra");
    String resource = SignatureV1.canonicalizedResource("oss-example", "nelson", QueryParams.EMPTY);
    String sts = SignatureV1.stringToSign("PUT", headers, SignatureV1.dateLine(headers), resource);

    assertThat(sts)
        .isEqualTo(
            "PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\n"
                + "x-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson");
    assertThat(SignatureV1.sign("OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV", sts))
        .isEqualTo("26NBxoKdsyly4EDv6inkoDft/yA=");
  }

  /** Go v2 TestV1AuthQuery (spec §5.2): the presign parameters themselves are not sub-resources. */
  @Test
  void presignedUrlVector() {
    QueryParams q =
        query(
            "versionId",
            "versionId",
            "Expires",
            "1699807420",
            "OSSAccessKeyId",
            "ak",
            "Signature",
            "x");
    String resource = SignatureV1.canonicalizedResource("bucket", "key", q);
    String sts = SignatureV1.stringToSign("GET", new Headers(), q.get("Expires"), resource);

    assertThat(sts).isEqualTo("GET\n\n\n1699807420\n/bucket/key?versionId=versionId");
    assertThat(SignatureV1.sign("sk", sts)).isEqualTo("dcLTea+Yh9ApirQ8o8dOPqtvJXQ=");
  }

  @Test
  void presignedUrlWithSecurityTokenVector() {
    QueryParams q =
        query(
            "versionId",
            "versionId",
            "security-token",
            "token",
            "Expires",
            "1699808204",
            "OSSAccessKeyId",
            "ak");
    String resource = SignatureV1.canonicalizedResource("bucket", "key+123", q);
    String sts = SignatureV1.stringToSign("GET", new Headers(), q.get("Expires"), resource);

    assertThat(sts)
        .isEqualTo("GET\n\n\n1699808204\n/bucket/key+123?security-token=token&versionId=versionId");
    assertThat(SignatureV1.sign("sk", sts)).isEqualTo("jzKYRrM5y6Br0dRFPaTGOsbrDhY=");
  }

  @Test
  void resourcePathsForServiceBucketAndObject() {
    assertThat(SignatureV1.canonicalizedResource(null, null, QueryParams.EMPTY)).isEqualTo("/");
    assertThat(SignatureV1.canonicalizedResource("b", null, query("acl", null)))
        .isEqualTo("/b/?acl");
    assertThat(SignatureV1.canonicalizedResource("b", "dir/a b+ü", QueryParams.EMPTY))
        .isEqualTo("/b/dir/a b+ü");
  }

  @ParameterizedTest(name = "{0} is in the V1 canonical resource")
  @ValueSource(
      strings = {
        "resourceGroup",
        "processConfiguration",
        "udf",
        "transferAcceleration",
        "httpsConfig",
        "publicAccessBlock",
        "cors",
        "website",
        "referer",
        "stat"
      })
  void bucketSubResourcesSignedBySdksAreCanonical(String name) {
    assertThat(SignatureV1.canonicalizedResource("b", null, query(name, null)))
        .isEqualTo("/b/?" + name);
  }

  /**
   * ali-oss sends {@code append=} (spec §9b) and signs it bare, like the Java SDK's {@code append}.
   */
  @Test
  void emptyValuedSubResourceSignsLikeBareOne() {
    String bare =
        SignatureV1.canonicalizedResource("b", "k", query("append", null, "position", "0"));
    String empty =
        SignatureV1.canonicalizedResource("b", "k", query("append", "", "position", "0"));
    assertThat(bare).isEqualTo("/b/k?append&position=0");
    assertThat(empty).isEqualTo(bare);
  }

  @Test
  void onlySignedSubResourcesAreKeptSortedAndFirstOccurrenceWins() {
    QueryParams q =
        query(
            "prefix",
            "p",
            "max-keys",
            "10",
            "uploadId",
            "u1",
            "partNumber",
            "3",
            "uploadId",
            "u2",
            "x-oss-process",
            "image/resize,w_10",
            "list-type",
            "2",
            "continuation-token",
            "t",
            "acl",
            "");
    assertThat(SignatureV1.canonicalizedResource("b", "k", q))
        .isEqualTo(
            "/b/k?acl&continuation-token=t&partNumber=3&uploadId=u1&x-oss-process=image/resize,w_10");
  }

  @Test
  void ossHeadersAreLowerCasedTrimmedSortedAndJoined() {
    Headers h =
        Headers.of(
            "X-Oss-Meta-B", "  two ",
            "x-oss-meta-a", "one",
            "X-OSS-META-B", "three",
            "Content-Type", "text/plain",
            "x-ossnot", "ignored");
    assertThat(SignatureV1.canonicalizedOssHeaders(h))
        .isEqualTo("x-oss-meta-a:one\nx-oss-meta-b:two,three\n");
    assertThat(SignatureV1.canonicalizedOssHeaders(Headers.of("Date", "d"))).isEmpty();
  }

  @Test
  void dateLinePrefersOssDate() {
    assertThat(SignatureV1.dateLine(Headers.of("Date", "a", "x-oss-date", "b"))).isEqualTo("b");
    assertThat(SignatureV1.dateLine(Headers.of("Date", "a"))).isEqualTo("a");
    assertThat(SignatureV1.dateLine(new Headers())).isNull();
  }

  @Test
  void missingContentHeadersLeaveEmptyLines() {
    Headers h = Headers.of("x-oss-date", "Thu, 17 Nov 2005 18:49:58 GMT");
    assertThat(SignatureV1.stringToSign("GET", h, SignatureV1.dateLine(h), "/"))
        .isEqualTo(
            "GET\n\n\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-date:Thu, 17 Nov 2005 18:49:58 GMT\n/");
  }
}
