package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectPermission;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Smaller answers where OSS differs from what a generic server would do (issue 12, item 8), seen on
 * the wire because the SDK does not send these requests or hides the detail.
 */
class WireOssAnswersTest {
  private static final String BUCKET = Buckets.unique("wire-answers");
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
  void emptyObjectAclHeaderIsIgnored() throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "acl-empty").header("x-oss-object-acl", "").body("x"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(oss.getObjectAcl(BUCKET, "acl-empty").getPermission())
        .isEqualTo(ObjectPermission.Default);
  }

  @Test
  void s3WriteOffsetHeaderIsNotImplementedAndChangesNothing() throws IOException {
    oss.putObject(BUCKET, "s3-append", Payloads.stream("keep"));
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "s3-append")
                .header("x-amz-write-offset-bytes", "4")
                .body("more"));
    assertError(r, 501, "NotImplemented");
    assertThat(new String(oss.getObject(BUCKET, "s3-append").getObjectContent().readAllBytes()))
        .isEqualTo("keep");
  }

  @Test
  void v4ScopeNamingAnotherProductIsInvalidArgument() throws IOException {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    String date = now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, "k")
                .anonymous()
                .header(
                    "x-oss-date", now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")))
                .header("x-oss-content-sha256", "UNSIGNED-PAYLOAD")
                .header(
                    "Authorization",
                    "OSS4-HMAC-SHA256 Credential="
                        + SharedServer.ACCESS_KEY_ID
                        + "/"
                        + date
                        + "/cn-hangzhou/s3/aliyun_v4_request,Signature="
                        + "0".repeat(64)));
    Map<String, String> xml = assertError(r, 400, "InvalidArgument");
    assertThat(xml.get("Message")).isEqualTo("Invalid signing product in Authorization header.");
  }
}
