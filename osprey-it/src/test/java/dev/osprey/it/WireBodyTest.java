package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertCommonHeaders;
import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies on the wire (spec §0, §11): chunked uploads, {@code Expect: 100-continue}, the C
 * SDK's append with both chunked and Content-Length, and connection reuse, including after an error
 * answered before the body was read.
 */
class WireBodyTest {
  private static final String BUCKET = Buckets.unique("wire-body");
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void chunkedPutStoresTheExactBytes() throws Exception {
    List<byte[]> chunks = chunks(new Random(7), 1, 17, 65_536, 100_000, 3);
    byte[] whole = concat(chunks);
    RawResponse put =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "chunked.bin").chunked(chunks).withoutContentLength());
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    assertCommonHeaders(put);
    assertThat(put.header("etag")).isEqualTo("\"" + md5Hex(whole) + "\"");

    RawResponse get = RawConnection.exchange(RawRequest.of("GET", BUCKET, "chunked.bin"));
    assertThat(get.header("content-length")).isEqualTo(Integer.toString(whole.length));
    assertThat(get.body()).isEqualTo(whole);
  }

  @Test
  void expectContinueGets100BeforeTheBodyThen200() throws IOException {
    byte[] body = "sent only after 100 Continue".getBytes(StandardCharsets.UTF_8);
    RawRequest request =
        RawRequest.of("PUT", BUCKET, "continued.txt").header("Expect", "100-continue").body(body);
    try (RawConnection c = new RawConnection()) {
      c.write(request.headBytes());
      RawResponse interim = c.read(false);
      assertThat(interim.status()).isEqualTo(100);
      c.write(body);
      RawResponse done = c.read(false);
      assertThat(done.status()).as("%s", done).isEqualTo(200);
      assertCommonHeaders(done);
      // The connection stays usable.
      RawResponse get = c.send(RawRequest.of("GET", BUCKET, "continued.txt"));
      assertThat(get.body()).isEqualTo(body);
    }
  }

  @Test
  void expectContinueRefusedBeforeTheBodyGetsTheErrorWithout100() throws IOException {
    RawRequest badSignature =
        RawRequest.of("PUT", BUCKET, "refused.txt")
            .header("Expect", "100-continue")
            .signature("Zm9yZ2Vk")
            .body(new byte[10_000_000]);
    RawRequest noSuchBucket =
        RawRequest.of("PUT", Buckets.unique("absent"), "k")
            .header("Expect", "100-continue")
            .body(new byte[10_000_000]);
    for (RawRequest request : List.of(badSignature, noSuchBucket)) {
      try (RawConnection c = new RawConnection()) {
        c.write(request.headBytes());
        RawResponse r = c.read(false);
        assertThat(r.status()).as("first response, no 100: %s", r).isIn(403, 404);
        assertError(r, r.status(), r.status() == 403 ? "SignatureDoesNotMatch" : "NoSuchBucket");
        // The client never sent its body, so the framing of what follows is unknown: the server
        // closes.
        assertThat(r.header("connection")).isEqualToIgnoringCase("close");
        assertThat(c.closedByServer()).isTrue();
      }
    }
    assertThat(RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "refused.txt")).status())
        .isEqualTo(404);
  }

  @Test
  void cSdkAppendWithBothChunkedAndContentLengthStoresTheChunkedBody() throws IOException {
    // Spec §11: the C SDK sends Transfer-Encoding: chunked AND Content-Length, plus an empty Expect
    // header.
    List<byte[]> first = chunks(new Random(11), 5, 4096, 1);
    List<byte[]> second = chunks(new Random(12), 300, 2);
    long length = 0;
    for (List<byte[]> part : List.of(first, second)) {
      byte[] bytes = concat(part);
      RawRequest append =
          RawRequest.of("POST", BUCKET, "csdk.log")
              .query("append", null)
              .query("position", Long.toString(length))
              .header("Content-Type", "text/plain")
              .header("Expect", "")
              .header("Content-Length", Integer.toString(bytes.length))
              .chunked(part);
      RawResponse r = RawConnection.exchange(append);
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      length += bytes.length;
      assertThat(r.header("x-oss-next-append-position")).isEqualTo(Long.toString(length));
    }
    RawResponse get = RawConnection.exchange(RawRequest.of("GET", BUCKET, "csdk.log"));
    assertThat(get.body()).isEqualTo(concat(List.of(concat(first), concat(second))));
    assertThat(get.header("x-oss-object-type")).isEqualTo("Appendable");
  }

  @Test
  void severalRequestsShareOneConnectionIncludingAfterEarlyErrors() throws IOException {
    try (RawConnection c = new RawConnection()) {
      assertKeptAlive(c.send(RawRequest.of("PUT", BUCKET, "ka.txt").body("first")), 200);
      RawResponse get = assertKeptAlive(c.send(RawRequest.of("GET", BUCKET, "ka.txt")), 200);
      assertThat(get.text()).isEqualTo("first");
      assertKeptAlive(c.send(RawRequest.of("HEAD", BUCKET, "ka.txt")), 200);
      assertKeptAlive(c.send(RawRequest.of("GET", BUCKET, "missing.txt")), 404);
      assertKeptAlive(c.send(RawRequest.of("HEAD", BUCKET, "missing.txt")), 404);
      // Refused before the body is read: the server must skip the body, not read it as the next
      // request.
      RawRequest badSig =
          RawRequest.of("PUT", BUCKET, "ka.txt")
              .signature("Zm9yZ2Vk")
              .body("GET / HTTP/1.1\r\n\r\n");
      assertKeptAlive(c.send(badSig), 403);
      assertKeptAlive(
          c.send(RawRequest.of("PUT", Buckets.unique("absent"), "k").body(new byte[200_000])), 404);
      assertKeptAlive(
          c.send(
              RawRequest.of("PUT", BUCKET, "ka.txt")
                  .header("Content-MD5", "AAAAAAAAAAAAAAAAAAAAAA==")
                  .body(new byte[300_000])),
          400);
      RawResponse after = assertKeptAlive(c.send(RawRequest.of("GET", BUCKET, "ka.txt")), 200);
      assertThat(after.text()).isEqualTo("first");
    }
  }

  @Test
  void earlyErrorWithALargeBodyReachesAClientThatWritesTheWholeBodyFirst() throws IOException {
    // Past the drain limit the server closes, but only after swallowing the body: closing while the
    // client still
    // writes would reset the connection and the client would never read the error.
    RawRequest request =
        RawRequest.of("PUT", BUCKET, "large-refused.bin")
            .signature("Zm9yZ2Vk")
            .body(new byte[8_000_000]);
    try (RawConnection c = new RawConnection()) {
      c.write(request.bytes());
      RawResponse r = c.read(false);
      assertError(r, 403, "SignatureDoesNotMatch");
      assertThat(r.header("connection")).isEqualToIgnoringCase("close");
      assertThat(c.closedByServer()).isTrue();
    }
    try (RawConnection c = new RawConnection()) {
      c.write(
          RawRequest.of("PUT", BUCKET, "large-chunked.bin")
              .signature("Zm9yZ2Vk")
              .withoutContentLength()
              .chunked(chunks(new Random(3), 1_000_000, 1_000_000, 1_000_000))
              .bytes());
      assertError(c.read(false), 403, "SignatureDoesNotMatch");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void sdkUploadsRefusedEarlyReportTheOssErrorNotABrokenConnection() {
    OSS wrongSecret =
        Clients.sdk(
            SharedServer.get().endpoint(), "V1", SharedServer.ACCESS_KEY_ID, "wrong-secret");
    try {
      for (int size : new int[] {2_000_000, 8_000_000}) {
        OSSException e =
            catchThrowableOfType(
                OSSException.class,
                () ->
                    wrongSecret.putObject(
                        BUCKET, "refused.bin", new ByteArrayInputStream(new byte[size])));
        assertThat(e).as("OSSException for %d bytes", size).isNotNull();
        assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch");
      }
    } finally {
      wrongSecret.shutdown();
    }
    OSSException noBucket =
        catchThrowableOfType(
            OSSException.class,
            () ->
                oss.putObject(
                    Buckets.unique("absent"), "k", new ByteArrayInputStream(new byte[3_000_000])));
    assertThat(noBucket).isNotNull();
    assertThat(noBucket.getErrorCode()).isEqualTo("NoSuchBucket");
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    try (RawConnection c = new RawConnection()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 0; i < 5; i++) {
        all.writeBytes(RawRequest.of("PUT", BUCKET, "pipe-" + i).body("value-" + i).bytes());
      }
      for (int i = 0; i < 5; i++) {
        all.writeBytes(RawRequest.of("GET", BUCKET, "pipe-" + i).bytes());
      }
      c.write(all.toByteArray());
      for (int i = 0; i < 5; i++) {
        assertThat(c.read(false).status()).isEqualTo(200);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(c.read(false).text()).isEqualTo("value-" + i);
      }
    }
  }

  /**
   * Small appends to an existing object complete on the commit pipeline's thread, after the worker
   * has moved on: the next request of the connection must still start only after the previous
   * response, so each GET sees exactly the appends answered before it.
   */
  @Test
  void pipelinedAppendsAndReadsAreAnsweredInOrder() throws IOException {
    String key = "pipe-append.log";
    try (RawConnection c = new RawConnection()) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        String chunk = "line-" + i + "\n";
        all.writeBytes(
            RawRequest.of("POST", BUCKET, key)
                .query("append", null)
                .query("position", Integer.toString(expected.length()))
                .body(chunk)
                .bytes());
        expected.append(chunk);
        all.writeBytes(RawRequest.of("GET", BUCKET, key).bytes());
      }
      c.write(all.toByteArray());
      StringBuilder seen = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        seen.append("line-").append(i).append('\n');
        RawResponse appended = c.read(false);
        assertThat(appended.status()).as("%s", appended).isEqualTo(200);
        assertThat(appended.header("x-oss-next-append-position"))
            .isEqualTo(Integer.toString(seen.length()));
        assertThat(c.read(false).text()).isEqualTo(seen.toString());
      }
      assertThat(seen.toString()).isEqualTo(expected.toString());
    }
  }

  @Test
  void connectionCloseIsHonoured() throws IOException {
    try (RawConnection c = new RawConnection()) {
      RawResponse r =
          c.send(RawRequest.of("PUT", BUCKET, "close.txt").header("Connection", "close").body("x"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("connection")).isEqualToIgnoringCase("close");
      c.setReadTimeout(Duration.ofSeconds(5));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  private static RawResponse assertKeptAlive(RawResponse r, int status) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertCommonHeaders(r);
    assertThat(r.header("connection")).as("%s", r).isNotEqualToIgnoringCase("close");
    return r;
  }

  static List<byte[]> chunks(Random random, int... sizes) {
    List<byte[]> out = new ArrayList<>();
    for (int size : sizes) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static String md5Hex(byte[] bytes) throws Exception {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
  }
}
