package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertCommonHeaders;
import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec §0, §2.2, §4.1 on the wire: every response, whatever produced it, carries x-oss-request-id,
 * Server and Date; errors are OSS XML whose RequestId is the header's; HEAD errors travel in
 * x-oss-err.
 */
class WireCommonHeadersTest {
  private static final String BUCKET = Buckets.unique("wire-common");
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
    oss.putObject(
        BUCKET,
        "present.txt",
        new ByteArrayInputStream("present".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void successfulResponsesCarryTheCommonHeaders() throws IOException {
    RawResponse put = RawConnection.exchange(RawRequest.of("PUT", BUCKET, "put.txt").body("abc"));
    assertThat(put.status()).isEqualTo(200);
    assertCommonHeaders(put);

    RawResponse get = RawConnection.exchange(RawRequest.of("GET", BUCKET, "put.txt"));
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.text()).isEqualTo("abc");
    assertCommonHeaders(get);

    RawResponse head = RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "put.txt"));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).isEqualTo("3");
    assertCommonHeaders(head);

    RawResponse list = RawConnection.exchange(RawRequest.of("GET", BUCKET, null));
    assertThat(list.status()).isEqualTo(200);
    assertCommonHeaders(list);

    RawResponse delete = RawConnection.exchange(RawRequest.of("DELETE", BUCKET, "put.txt"));
    assertThat(delete.status()).isEqualTo(204);
    assertCommonHeaders(delete);
  }

  @Test
  void errorBodiesAreOssXmlWithTheRequestId() throws IOException {
    RawResponse r = RawConnection.exchange(RawRequest.of("GET", BUCKET, "absent.txt"));
    Map<String, String> xml = assertError(r, 404, "NoSuchKey");
    assertThat(xml.get("Message")).isEqualTo("The specified key does not exist.");

    RawResponse noBucket =
        RawConnection.exchange(RawRequest.of("GET", Buckets.unique("never"), "k"));
    assertError(noBucket, 404, "NoSuchBucket");
  }

  @Test
  void headErrorsHaveNoBodyAndCarryTheXmlInXOssErr() throws IOException {
    RawResponse r = RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "absent.txt"));
    Map<String, String> xml = assertError(r, 404, "NoSuchKey", true);
    assertThat(xml.get("RequestId")).isEqualTo(r.header("x-oss-request-id"));
    assertThat(r.header("x-oss-ec")).isEqualTo("0026-00000001");

    RawResponse denied =
        RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "present.txt").anonymous());
    assertError(denied, 403, "AccessDenied", true);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "THIS IS NOT HTTP\r\n\r\n",
        "GET / HTTP/9.Z\r\nHost: x\r\n\r\n",
        "GET /a b c d HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET / HTTP/1.1\r\nNo colon in this header line\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: twelve\r\n\r\n"
      })
  void requestsTheHttpDecoderRejectsGetXmlErrorsWithTheCommonHeaders(String raw)
      throws IOException {
    try (RawConnection c = new RawConnection()) {
      c.write(raw);
      RawResponse r = c.read(false);
      assertThat(r.status()).as("%s", r).isEqualTo(400);
      assertError(r, 400, r.errorCode());
      assertThat(r.errorCode()).isIn("InvalidRequest", "InvalidURI", "InvalidArgument");
    }
  }

  @Test
  void requestsRefusedByTheRouterGetXmlErrors() throws IOException {
    RawResponse r =
        RawConnection.exchange(RawRequest.of("GET", BUCKET, "k").target("no-leading-slash"));
    assertError(r, 400, "InvalidURI");
  }

  @Test
  void requestIdsDifferBetweenRequests() throws IOException {
    Set<String> ids = new HashSet<>();
    try (RawConnection c = new RawConnection()) {
      for (int i = 0; i < 20; i++) {
        ids.add(c.send(RawRequest.of("HEAD", BUCKET, "present.txt")).header("x-oss-request-id"));
      }
    }
    assertThat(ids).hasSize(20);
  }
}
