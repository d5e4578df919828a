package dev.osprey.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.QueryParams.Param;
import dev.osprey.protocol.sign.SignatureV4.CanonicalInput;
import dev.osprey.protocol.sign.SignatureV4.CredentialScope;
import dev.osprey.protocol.sign.SignatureV4.V4Authorization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureV4Test {
  private static final String KEY = "1234+-/123/1.txt";

  /** The query of the Go v2 vectors (spec §5.3): odd names, empty values. */
  private static List<Param> vectorQuery() {
    return List.of(
        new Param("param1", "value1"),
        new Param("+param1", "value3"),
        new Param("|param1", "value4"),
        new Param("+param2", ""),
        new Param("|param2", ""),
        new Param("param2", ""));
  }

  @Test
  void headerSignatureVector() {
    Headers headers =
        Headers.of(
            "x-oss-head1", "value",
            "abc", "value",
            "ZAbc", "value",
            "XYZ", "value",
            "content-type", "text/plain",
            "x-oss-content-sha256", "UNSIGNED-PAYLOAD",
            "x-oss-date", "20231216T162057Z",
            "Date", "Sat, 16 Dec 2023 16:20:57 GMT");
    CanonicalInput in =
        new CanonicalInput(
            "PUT", "bucket", KEY, new QueryParams(vectorQuery()), headers, List.of());
    String canonical = SignatureV4.canonicalRequest(in);
    assertThat(canonical)
        .isEqualTo(
            "PUT\n/bucket/1234%2B-/123/1.txt\n"
                + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n"
                + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n"
                + "x-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");

    String scope = SignatureV4.scope("20231216", "cn-hangzhou");
    String sts = SignatureV4.stringToSign("20231216T162057Z", scope, canonical);
    assertThat(sts)
        .isEqualTo(
            "OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n"
                + SignatureV4.sha256Hex(canonical));
    assertThat(SignatureV4.signature(SignatureV4.signingKey("sk", "20231216", "cn-hangzhou"), sts))
        .isEqualTo("e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe");
  }

  @Test
  void presignedUrlVector() {
    List<Param> params = new ArrayList<>(vectorQuery());
    params.add(new Param("x-oss-signature-version", "OSS4-HMAC-SHA256"));
    params.add(new Param("x-oss-date", "20231217T025437Z"));
    params.add(new Param("x-oss-expires", "599"));
    params.add(new Param("x-oss-credential", "ak/20231217/cn-hangzhou/oss/aliyun_v4_request"));
    params.add(new Param("x-oss-signature", "a39966c6"));
    Headers headers =
        Headers.of("x-oss-head1", "value", "content-type", "application/octet-stream");
    CanonicalInput in =
        new CanonicalInput("PUT", "bucket", KEY, new QueryParams(params), headers, List.of());
    String canonical = SignatureV4.canonicalRequest(in);
    assertThat(canonical)
        .isEqualTo(
            "PUT\n/bucket/1234%2B-/123/1.txt\n"
                + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2"
                + "&x-oss-credential=ak%2F20231217%2Fcn-hangzhou%2Foss%2Faliyun_v4_request&x-oss-date=20231217T025437Z"
                + "&x-oss-expires=599&x-oss-signature-version=OSS4-HMAC-SHA256\n"
                + "content-type:application/octet-stream\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");

    String sts =
        SignatureV4.stringToSign(
            "20231217T025437Z", SignatureV4.scope("20231217", "cn-hangzhou"), canonical);
    assertThat(SignatureV4.signature(SignatureV4.signingKey("sk", "20231217", "cn-hangzhou"), sts))
        .isEqualTo("a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe");
  }

  @Test
  void additionalHeadersAreSignedAndListed() {
    Headers headers =
        Headers.of("Host", "bucket.example.com", "x-oss-date", "d", "Abc", " v ", "other", "no");
    CanonicalInput in =
        new CanonicalInput(
            "GET", "bucket", null, QueryParams.EMPTY, headers, List.of("abc", "host"));
    assertThat(SignatureV4.canonicalRequest(in))
        .isEqualTo(
            "GET\n/bucket/\n\nabc:v\nhost:bucket.example.com\nx-oss-date:d\n\nabc;host\nUNSIGNED-PAYLOAD");
  }

  @Test
  void uriEncodingKeepsUnreservedAndSlashOnly() {
    assertThat(SignatureV4.uriEncode("a-b.c_d~e/f g+h*é", true))
        .isEqualTo("a-b.c_d~e/f%20g%2Bh%2A%C3%A9");
    assertThat(SignatureV4.uriEncode("a/b", false)).isEqualTo("a%2Fb");
    assertThat(SignatureV4.canonicalUri(null, null)).isEqualTo("/");
    assertThat(SignatureV4.canonicalUri("b", null)).isEqualTo("/b/");
    assertThat(SignatureV4.canonicalUri("b", "x y/z")).isEqualTo("/b/x%20y/z");
  }

  @Test
  void bareAndEmptyQueryParamsCanonicalizeAlike() {
    QueryParams bare =
        new QueryParams(List.of(new Param("append", null), new Param("position", "0")));
    QueryParams empty =
        new QueryParams(List.of(new Param("append", ""), new Param("position", "0")));
    assertThat(SignatureV4.canonicalQuery(bare)).isEqualTo("append&position=0");
    assertThat(SignatureV4.canonicalQuery(empty)).isEqualTo("append&position=0");
  }

  @Test
  void parsesAuthorizationHeaderWithAndWithoutSpaces() {
    V4Authorization a =
        SignatureV4.parseAuthorization(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=abc");
    assertThat(a.credential())
        .isEqualTo(new CredentialScope("ak", "20231216", "cn-hangzhou", "oss"));
    assertThat(a.credential().scope()).isEqualTo("20231216/cn-hangzhou/oss/aliyun_v4_request");
    assertThat(a.additionalHeaders()).isEmpty();
    assertThat(a.signature()).isEqualTo("abc");

    V4Authorization b =
        SignatureV4.parseAuthorization(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/us-east-1/oss/aliyun_v4_request, AdditionalHeaders=Host;abc,"
                + " Signature=def");
    assertThat(b.credential().region()).isEqualTo("us-east-1");
    assertThat(b.additionalHeaders()).containsExactly("host", "abc");
    assertThat(b.signature()).isEqualTo("def");
  }

  @Test
  void rejectsMalformedAuthorizationHeaders() {
    assertThat(SignatureV4.parseAuthorization(null)).isNull();
    assertThat(SignatureV4.parseAuthorization("OSS ak:sig")).isNull();
    assertThat(SignatureV4.parseAuthorization("OSS4-HMAC-SHA256 Signature=abc")).isNull();
    assertThat(
            SignatureV4.parseAuthorization(
                "OSS4-HMAC-SHA256 Credential=ak/20231216/r/oss/bad,Signature=a"))
        .isNull();
    assertThat(
            SignatureV4.parseAuthorization(
                "OSS4-HMAC-SHA256 Credential=ak/2023/r/oss/aliyun_v4_request,Signature=a"))
        .isNull();
    assertThat(
            SignatureV4.parseAuthorization(
                "OSS4-HMAC-SHA256 Credential=ak/20231216/r/oss/aliyun_v4_request,Signature=a,Signature=b"))
        .isNull();
    assertThat(
            SignatureV4.parseAuthorization(
                "OSS4-HMAC-SHA256 Credential=ak/20231216/r/oss/aliyun_v4_request"))
        .isNull();
  }
}
