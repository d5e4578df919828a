package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.QueryParams.Param;
import dev.osprey.protocol.sign.SignatureV4;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OSS C SDK (3.11.2) with {@code signature_version = 4} over an IP endpoint signs a bucket's
 * canonical URI as {@code /bucket} (no trailing slash) and sends {@code GET /bucket?prefix=…}: the
 * server must list, and an object request signed that way must still be refused.
 */
class CSdkV4BucketUriTest {
  private static final String BUCKET = Buckets.unique("csdk-v4");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
    oss.putObject(
        BUCKET,
        "c-sdk/one.txt",
        new java.io.ByteArrayInputStream("one".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void shutdown() {
    oss.deleteObject(BUCKET, "c-sdk/one.txt");
    oss.deleteBucket(BUCKET);
    oss.shutdown();
  }

  private static RawRequest v4(
      String method, String target, String bucket, String key, QueryParams query, String uri) {
    Instant now = Instant.now();
    String isoDate = HttpDates.formatIso8601Basic(now);
    String day = DAY.format(now);
    Headers signedHeaders =
        Headers.of("x-oss-content-sha256", "UNSIGNED-PAYLOAD", "x-oss-date", isoDate);
    String canonical =
        SignatureV4.canonicalRequest(
            new SignatureV4.CanonicalInput(method, bucket, key, query, signedHeaders, List.of()),
            uri);
    String sts =
        SignatureV4.stringToSign(isoDate, SignatureV4.scope(day, "cn-hangzhou"), canonical);
    String sig =
        SignatureV4.signature(
            SignatureV4.signingKey(SharedServer.ACCESS_KEY_SECRET, day, "cn-hangzhou"), sts);
    return RawRequest.of(method, bucket, key)
        .anonymous()
        .target(target)
        .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
        .header("x-oss-date", isoDate)
        .header(
            "Authorization",
            "OSS4-HMAC-SHA256 Credential="
                + SharedServer.ACCESS_KEY_ID
                + "/"
                + day
                + "/cn-hangzhou/oss/aliyun_v4_request,Signature="
                + sig);
  }

  @Test
  void listSignedWithoutTheBucketSlashLists() throws IOException {
    QueryParams query = new QueryParams(List.of(new Param("prefix", "c-sdk/")));
    RawResponse list =
        RawConnection.exchange(
            v4("GET", "/" + BUCKET + "?prefix=c-sdk%2F", BUCKET, null, query, "/" + BUCKET));
    assertThat(list.status()).as("%s", list).isEqualTo(200);
    assertThat(list.text())
        .contains("<Key>c-sdk/one.txt</Key>")
        .contains("<Prefix>c-sdk/</Prefix>");

    RawResponse withSlash =
        RawConnection.exchange(
            v4("GET", "/" + BUCKET + "?prefix=c-sdk%2F", BUCKET, null, query, "/" + BUCKET + "/"));
    assertThat(withSlash.status()).as("%s", withSlash).isEqualTo(200);
  }

  @Test
  void objectSignedWithoutTheSlashIsRefused() throws IOException {
    String key = "c-sdk/one.txt";
    RawResponse get =
        RawConnection.exchange(
            v4(
                "GET",
                "/" + BUCKET + "/" + key,
                BUCKET,
                key,
                QueryParams.EMPTY,
                "/" + BUCKET + key));
    assertThat(get.status()).as("%s", get).isEqualTo(403);
    assertThat(get.errorCode()).isEqualTo("SignatureDoesNotMatch");
  }
}
