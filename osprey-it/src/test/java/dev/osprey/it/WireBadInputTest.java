package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertCommonHeaders;
import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on the wire gets its OSS error (spec §4.2) — never a 500, a hang or a silent drop — and
 * leaves what was stored before untouched: after every test the bucket still holds exactly the
 * sentinel object, byte for byte, with its tags.
 */
class WireBadInputTest {
  private static final String BUCKET = Buckets.unique("wire-bad");
  private static final String SENTINEL = "sentinel.bin";
  private static final byte[] SENTINEL_BYTES =
      "stored before every bad request".getBytes(StandardCharsets.UTF_8);
  private static OSS oss;
  private static String sentinelEtag;

  @BeforeAll
  static void store() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
    ObjectMetadata meta = new ObjectMetadata();
    meta.setObjectTagging(Map.of("kept", "yes"));
    sentinelEtag =
        oss.putObject(BUCKET, SENTINEL, new ByteArrayInputStream(SENTINEL_BYTES), meta).getETag();
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @AfterEach
  void storedStateIsUnchanged() throws IOException {
    List<String> keys =
        oss.listObjects(BUCKET).getObjectSummaries().stream()
            .map(OSSObjectSummary::getKey)
            .toList();
    assertThat(keys).containsExactly(SENTINEL);
    try (var o = oss.getObject(BUCKET, SENTINEL)) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(SENTINEL_BYTES);
      assertThat(o.getObjectMetadata().getETag()).isEqualTo(sentinelEtag);
    }
    assertThat(oss.getObjectTagging(BUCKET, SENTINEL).getAllTags())
        .containsExactly(Map.entry("kept", "yes"));
  }

  @Test
  void oversizedHeadersGetA400XmlError() throws IOException {
    try (RawConnection c = new RawConnection()) {
      c.write(
          RawRequest.of("GET", BUCKET, SENTINEL)
              .header("x-oss-meta-big", "x".repeat(70 * 1024))
              .bytes());
      RawResponse r = c.read(false);
      assertThat(r.status()).isEqualTo(400);
      assertError(r, 400, r.errorCode());
      assertThat(r.errorCode()).isEqualTo("RequestHeaderTooLarge");
    }
  }

  @Test
  void malformedCreateBucketConfigurationIsMalformedXml() throws IOException {
    String bucket = Buckets.unique("wire-badxml");
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", bucket, null)
                .body("<CreateBucketConfiguration><StorageClass>IA</Storage"));
    assertError(r, 400, "MalformedXML");
    assertThat(oss.doesBucketExist(bucket)).isFalse();
  }

  @Test
  void malformedDeleteMultipleObjectsIsMalformedXml() throws IOException {
    String xml = "<Delete><Quiet>false</Quiet><Object><Key>" + SENTINEL + "</Key></Object>";
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, null)
                .query("delete", null)
                .header("Content-MD5", md5(xml))
                .body(xml));
    assertError(r, 400, "MalformedXML");
  }

  @Test
  void malformedTaggingIsMalformedXml() throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, SENTINEL)
                .query("tagging", null)
                .body("<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>"));
    assertError(r, 400, "MalformedXML");
  }

  @Test
  void externalEntitiesAreRefused() throws IOException {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE Tagging [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<Tagging><TagSet><Tag><Key>kept</Key><Value>&x;</Value></Tag></TagSet></Tagging>";
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, SENTINEL).query("tagging", null).body(xxe));
    assertError(r, 400, "MalformedXML");
    assertThat(r.text()).doesNotContain("root:");

    String billionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Delete><Object><Key>&b;</Key></Object></Delete>";
    RawResponse bomb =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, null)
                .query("delete", null)
                .header("Content-MD5", md5(billionLaughs))
                .body(billionLaughs));
    assertError(bomb, 400, "MalformedXML");
  }

  @Test
  void missingSignatureOnAPrivateBucketIsAccessDenied() throws IOException {
    assertError(
        RawConnection.exchange(RawRequest.of("GET", BUCKET, SENTINEL).anonymous()),
        403,
        "AccessDenied");
    assertError(
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, SENTINEL).anonymous().body("overwrite")),
        403,
        "AccessDenied");
    assertError(
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, "new.txt").anonymous().body("new")),
        403,
        "AccessDenied");
    assertError(
        RawConnection.exchange(RawRequest.of("DELETE", BUCKET, SENTINEL).anonymous()),
        403,
        "AccessDenied");
  }

  @Test
  void wrongSignatureIsSignatureDoesNotMatchWithTheStringToSign() throws IOException {
    RawRequest request =
        RawRequest.of("PUT", BUCKET, SENTINEL)
            .header("Content-Type", "text/plain")
            .header("x-oss-meta-a", "1")
            .credentials(SharedServer.ACCESS_KEY_ID, "not-the-secret")
            .body("overwrite");
    RawResponse r = RawConnection.exchange(request);
    Map<String, String> xml = assertError(r, 403, "SignatureDoesNotMatch");
    assertThat(xml.get("StringToSign")).isEqualTo(request.stringToSign());
    assertThat(xml.get("StringToSign"))
        .startsWith("PUT\n\ntext/plain\n")
        .endsWith("/" + BUCKET + "/" + SENTINEL);
    assertThat(xml.get("OSSAccessKeyId")).isEqualTo(SharedServer.ACCESS_KEY_ID);
    assertThat(r.text()).doesNotContain(SharedServer.ACCESS_KEY_SECRET);

    RawResponse garbled =
        RawConnection.exchange(RawRequest.of("DELETE", BUCKET, SENTINEL).signature("AAAA"));
    assertError(garbled, 403, "SignatureDoesNotMatch");

    RawResponse unknownKey =
        RawConnection.exchange(
            RawRequest.of("DELETE", BUCKET, SENTINEL).credentials("LTAIunknownKeyId", "whatever"));
    assertError(unknownKey, 403, "InvalidAccessKeyId");
  }

  @Test
  void dateTwentyMinutesOffIsRequestTimeTooSkewed() throws IOException {
    for (Duration skew : List.of(Duration.ofMinutes(20), Duration.ofMinutes(-20))) {
      RawResponse r =
          RawConnection.exchange(
              RawRequest.of("PUT", BUCKET, SENTINEL)
                  .date(Instant.now().plus(skew))
                  .body("overwrite"));
      assertError(r, 403, "RequestTimeTooSkewed");
    }
    RawResponse fine =
        RawConnection.exchange(
            RawRequest.of("HEAD", BUCKET, SENTINEL)
                .date(Instant.now().minus(Duration.ofMinutes(10))));
    assertThat(fine.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "Upper-Case",
        "-leading-dash",
        "trailing-dash-",
        "has.dot",
        "x_underscore",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void invalidBucketNamesAreInvalidBucketName(String name) throws IOException {
    RawResponse r = RawConnection.exchange(RawRequest.of("PUT", name, null));
    assertError(r, 400, "InvalidBucketName");
  }

  @Test
  void keysOfMoreThan1023BytesAreInvalidObjectName() throws IOException {
    RawResponse tooLong =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, "k".repeat(1024)).body("x"));
    Map<String, String> xml = assertError(tooLong, 400, "InvalidObjectName");
    assertThat(xml.get("Message")).isEqualTo("The Length of Object name must be less than 1024.");

    // 1023 bytes is the limit itself (multi-byte characters count in bytes).
    String longest = "é".repeat(511) + "k";
    assertThat(longest.getBytes(StandardCharsets.UTF_8)).hasSize(1023);
    RawResponse ok = RawConnection.exchange(RawRequest.of("PUT", BUCKET, longest).body("x"));
    assertThat(ok.status()).isEqualTo(200);
    RawResponse tooLongUtf8 =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, "é" + longest).body("x"));
    assertError(tooLongUtf8, 400, "InvalidObjectName");
    oss.deleteObject(BUCKET, longest);
  }

  @Test
  void keyStartingWithSlashIsInvalidObjectName() throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "/evil").target("/" + BUCKET + "//evil").body("x"));
    assertError(r, 400, "InvalidObjectName");
    RawResponse backslash =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, "\\evil").body("x"));
    assertError(backslash, 400, "InvalidObjectName");
  }

  @ParameterizedTest
  @ValueSource(strings = {"%FF", "%C3", "%ZZ", "%"})
  void invalidPercentEncodingInThePathIs400(String bad) throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "k").target("/" + BUCKET + "/key" + bad).body("x"));
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertError(r, 400, "InvalidURI");
  }

  @Test
  void bodyShorterThanItsContentLengthIsRequestTimeoutAndStoresNothing() throws IOException {
    for (String key : List.of("short.bin", SENTINEL)) {
      RawRequest request = RawRequest.of("PUT", BUCKET, key).body(new byte[100]);
      try (RawConnection c = new RawConnection()) {
        c.write(request.headBytes());
        c.write(new byte[40]);
        long start = System.nanoTime();
        RawResponse r = c.read(false);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertError(r, 400, "RequestTimeout");
        // The shared server's bodyReadTimeout is 3 s: the answer comes when it expires, not at our
        // read timeout.
        assertThat(waited).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(8));
        assertThat(c.closedByServer()).isTrue();
      }
    }
  }

  @Test
  void chunkedBodyThatStallsIsRequestTimeout() throws IOException {
    RawRequest request =
        RawRequest.of("PUT", BUCKET, SENTINEL)
            .withoutContentLength()
            .header("Transfer-Encoding", "chunked");
    try (RawConnection c = new RawConnection()) {
      c.write(request.headBytes());
      c.write("5\r\nhello\r\n");
      assertError(c.read(false), 400, "RequestTimeout");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void undecodableChunkedBodyIsRefusedAndStoresNothing() throws IOException {
    for (String key : List.of("badchunk.bin", SENTINEL)) {
      RawRequest request =
          RawRequest.of("PUT", BUCKET, key)
              .withoutContentLength()
              .header("Transfer-Encoding", "chunked");
      try (RawConnection c = new RawConnection()) {
        c.write(request.headBytes());
        c.write("5\r\nhello\r\nzz\r\nabc\r\n0\r\n\r\n");
        RawResponse r = c.read(false);
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertError(r, 400, r.errorCode());
      }
    }
  }

  @Test
  void headRefusedBeforeRoutingCarriesXOssErr() throws IOException {
    assertError(
        RawConnection.exchange(RawRequest.of("HEAD", "Bad_Bucket", "k")),
        400,
        "InvalidBucketName",
        true);
    try (RawConnection c = new RawConnection()) {
      c.write(RawRequest.of("HEAD", BUCKET, SENTINEL).header("x-big", "y".repeat(70_000)).bytes());
      assertError(c.read(true), 400, "RequestHeaderTooLarge", true);
    }
  }

  @Test
  void connectionLostMidBodyStoresNothing() throws IOException {
    RawRequest request = RawRequest.of("PUT", BUCKET, "cut.bin").body(new byte[100_000]);
    try (RawConnection c = new RawConnection()) {
      c.write(request.headBytes());
      c.write(new byte[50_000]);
    }
    // The server sees the close as IncompleteBody; a signed HEAD on a fresh connection then finds
    // nothing.
    RawResponse head = RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "cut.bin"));
    assertThat(head.status()).isIn(404);
  }

  @Test
  void putWithoutContentLengthOrChunkedIsMissingContentLength() throws IOException {
    RawResponse r =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, "nolength.txt").withoutContentLength());
    assertError(r, 411, "MissingContentLength");
    RawResponse overwrite =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, SENTINEL).withoutContentLength());
    assertError(overwrite, 411, "MissingContentLength");
    RawResponse append =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "nolength.txt")
                .query("append", null)
                .query("position", "0")
                .withoutContentLength());
    assertError(append, 411, "MissingContentLength");
  }

  @Test
  void wrongContentMd5IsInvalidDigestAndStoresNothing() throws IOException {
    String wrong = md5("something else");
    RawResponse created =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "md5.txt").header("Content-MD5", wrong).body("payload"));
    assertError(created, 400, "InvalidDigest");
    RawResponse overwrite =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, SENTINEL).header("Content-MD5", wrong).body("payload"));
    assertError(overwrite, 400, "InvalidDigest");
    RawResponse notBase64 =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, SENTINEL)
                .header("Content-MD5", "!!not base64!!")
                .body("payload"));
    assertError(notBase64, 400, "InvalidDigest");
    RawResponse append =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "md5.txt")
                .query("append", null)
                .query("position", "0")
                .header("Content-MD5", wrong)
                .body("payload"));
    assertError(append, 400, "InvalidDigest");
  }

  @Test
  void noBadRequestIsAnsweredWith500() throws IOException {
    List<RawRequest> odd =
        List.of(
            RawRequest.of("POST", BUCKET, SENTINEL)
                .query("append", null)
                .query("position", "-1")
                .body("x"),
            RawRequest.of("POST", BUCKET, SENTINEL)
                .query("append", null)
                .query("position", "abc")
                .body("x"),
            RawRequest.of("POST", BUCKET, SENTINEL)
                .query("append", null)
                .query("position", "99999999999999999999")
                .body("x"),
            RawRequest.of("GET", BUCKET, null).query("max-keys", "-5"),
            RawRequest.of("PUT", BUCKET, SENTINEL)
                .header("x-oss-storage-class", "Frozen")
                .body("x"),
            RawRequest.of("PUT", BUCKET, SENTINEL).header("x-oss-object-acl", "everyone").body("x"),
            RawRequest.of("PUT", BUCKET, SENTINEL).header("x-oss-tagging", "a=1&a=2").body("x"),
            RawRequest.of("PUT", BUCKET, SENTINEL).header("x-oss-meta-bad name", "v").body("x"),
            RawRequest.of("PUT", BUCKET, SENTINEL)
                .header("Range", "bytes=oops")
                .body("x")
                .anonymous(),
            RawRequest.of("BREW", BUCKET, SENTINEL));
    for (RawRequest request : odd) {
      RawResponse r = RawConnection.exchange(request);
      assertCommonHeaders(r);
      assertThat(r.status()).as("%s -> %s", request.headLines(), r).isBetween(400, 499);
      assertThat(r.errorCode()).isNotBlank();
    }
  }

  static String md5(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
