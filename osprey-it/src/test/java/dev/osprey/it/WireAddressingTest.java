package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertCommonHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.protocol.HttpDates;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request forms real SDKs put on the wire (spec §7, §9b, §11): the C SDK's whole-path
 * percent-encoding, ali-oss with an OSS Host over an IP endpoint, and virtual-hosted {@code
 * bucket.localhost}. Signatures always cover {@code /bucket/key}, whatever the addressing.
 */
class WireAddressingTest {
  private static final String BUCKET = Buckets.unique("wire-addr");
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
  void cSdkPathWithTheBucketSlashEncoded() throws IOException {
    String key = "exampledir/obj.txt";
    String target = "/" + BUCKET + "%2Fexampledir%2Fobj.txt";
    RawResponse put =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, key).target(target).body("c-sdk"));
    assertThat(put.status()).as("%s", put).isEqualTo(200);

    RawResponse head = RawConnection.exchange(RawRequest.of("HEAD", BUCKET, key).target(target));
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-length")).isEqualTo("5");

    RawResponse get = RawConnection.exchange(RawRequest.of("GET", BUCKET, key).target(target));
    assertThat(get.text()).isEqualTo("c-sdk");
    assertThat(oss.doesObjectExist(BUCKET, key)).isTrue();

    RawResponse append =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "exampledir/app.log")
                .target("/" + BUCKET + "%2Fexampledir%2Fapp.log?append&position=0")
                .query("append", null)
                .query("position", "0")
                .body("line"));
    assertThat(append.status()).as("%s", append).isEqualTo(200);
  }

  @Test
  void aliOssHostWithKeyOnlyPath() throws IOException {
    String host = BUCKET + ".oss-cn-hangzhou.aliyuncs.com";
    RawResponse put =
        RawConnection.exchange(
            aliOss("PUT", "ali/put.txt").host(host).target("/ali/put.txt").body("ali-oss"));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    RawResponse get =
        RawConnection.exchange(aliOss("GET", "ali/put.txt").host(host).target("/ali/put.txt"));
    assertThat(get.text()).isEqualTo("ali-oss");
  }

  @Test
  void aliOssHostWithBucketAlsoInThePath() throws IOException {
    String host = BUCKET + ".oss-cn-hangzhou.aliyuncs.com";
    RawResponse put =
        RawConnection.exchange(
            aliOss("PUT", "ali/sld.txt")
                .host(host)
                .target("/" + BUCKET + "/ali/sld.txt")
                .body("sld"));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    RawResponse get =
        RawConnection.exchange(
            aliOss("GET", "ali/sld.txt").host(host).target("/" + BUCKET + "/ali/sld.txt"));
    assertThat(get.text()).isEqualTo("sld");
    assertThat(oss.doesObjectExist(BUCKET, "ali/sld.txt")).isTrue();
  }

  @Test
  void aliOssAppendWithEmptyAppendValue() throws IOException {
    String host = BUCKET + ".oss-cn-hangzhou.aliyuncs.com";
    RawResponse first =
        RawConnection.exchange(
            aliOss("POST", "ali/append.log")
                .host(host)
                .target("/ali/append.log?append=&position=0")
                .query("append", "")
                .query("position", "0")
                .body("abc"));
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.header("x-oss-next-append-position")).isEqualTo("3");
    RawResponse second =
        RawConnection.exchange(
            aliOss("POST", "ali/append.log")
                .host(host)
                .target("/ali/append.log?append=&position=3")
                .query("append", "")
                .query("position", "3")
                .body("def"));
    assertThat(second.status()).as("%s", second).isEqualTo(200);
    assertThat(RawConnection.exchange(RawRequest.of("GET", BUCKET, "ali/append.log")).text())
        .isEqualTo("abcdef");
  }

  @Test
  void virtualHostedLocalhost() throws IOException {
    String host = BUCKET + ".localhost:" + SharedServer.get().port();
    RawResponse put =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "vh/a.txt")
                .host(host)
                .target("/vh/a.txt")
                .body("virtual"));
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    RawResponse get =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, "vh/a.txt").host(host).target("/vh/a.txt"));
    assertThat(get.text()).isEqualTo("virtual");
    assertCommonHeaders(get);
    RawResponse list =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, null).host(host).target("/").query("prefix", "vh/"));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.text()).contains("<Key>vh/a.txt</Key>");
  }

  /** ali-oss signs with x-oss-date and sends no Date header (spec §5.1). */
  private static RawRequest aliOss(String method, String key) {
    return RawRequest.of(method, BUCKET, key)
        .header("x-oss-date", HttpDates.formatRfc1123(Instant.now()));
  }
}
