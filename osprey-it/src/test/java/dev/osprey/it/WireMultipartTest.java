package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multipart and copy requests the SDK refuses to send (it sorts parts and checks part numbers
 * itself), and response headers it does not expose (spec §3.2, §3.8).
 */
class WireMultipartTest {
  private static final String BUCKET = Buckets.unique("wire-mpu");
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

  private static String initiate(String key) {
    return oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key))
        .getUploadId();
  }

  private static PartETag upload(String key, String id, int n, byte[] content) {
    return oss.uploadPart(
            new UploadPartRequest(BUCKET, key, id, n, Payloads.stream(content), content.length))
        .getPartETag();
  }

  @Test
  void partsOutOfOrderAreInvalidPartOrder() throws IOException {
    String id = initiate("k");
    PartETag p1 = upload("k", id, 1, Payloads.random(100 * 1024, 1));
    PartETag p2 = upload("k", id, 2, Payloads.utf8("end"));
    String body =
        "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>\""
            + p2.getETag()
            + "\"</ETag></Part><Part><PartNumber>1</PartNumber><ETag>\""
            + p1.getETag()
            + "\"</ETag></Part></CompleteMultipartUpload>";
    RawResponse r =
        RawConnection.exchange(RawRequest.of("POST", BUCKET, "k").query("uploadId", id).body(body));
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidPartOrder");
  }

  @Test
  void listPartsWithoutPartsOmitsNextPartNumberMarker() throws IOException {
    String id = initiate("empty-parts");
    RawResponse r =
        RawConnection.exchange(RawRequest.of("GET", BUCKET, "empty-parts").query("uploadId", id));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(RawResponse.parseFlatXml(r.body(), "ListPartsResult"))
        .containsEntry("PartNumberMarker", "0")
        .doesNotContainKey("NextPartNumberMarker");
  }

  @Test
  void lastPageOfUploadsStillNamesNextMarkers() throws IOException {
    String id = initiate("zz-last");
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, null).query("uploads", null).query("prefix", "zz-"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(RawResponse.parseFlatXml(r.body(), "ListMultipartUploadsResult"))
        .containsEntry("IsTruncated", "false")
        .containsEntry("NextKeyMarker", "zz-last")
        .containsEntry("NextUploadIdMarker", id);
  }

  @Test
  void partNumberOutOfRangeIsInvalidArgument() throws IOException {
    String id = initiate("k2");
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "k2")
                .query("partNumber", "10001")
                .query("uploadId", id)
                .body("x"));
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidArgument");
  }

  @Test
  void uploadPartAnswersEtagAndCrcOfThePart() throws IOException {
    String id = initiate("k3");
    byte[] content = Payloads.utf8("part bytes");
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "k3")
                .query("partNumber", "1")
                .query("uploadId", id)
                .header("Content-MD5", Payloads.contentMd5(content))
                .body(content));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.header("etag")).isEqualTo("\"" + Payloads.etag(content) + "\"");
    assertThat(r.header("x-oss-hash-crc64ecma"))
        .isEqualTo(Long.toUnsignedString(Payloads.crc64(content)));

    RawResponse bad =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "k3")
                .query("partNumber", "2")
                .query("uploadId", id)
                .header("Content-MD5", Payloads.contentMd5(Payloads.utf8("other")))
                .body(content));
    assertThat(bad.errorCode()).isEqualTo("InvalidDigest");
  }

  @Test
  void badCopySourceIsInvalidArgument() throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, "dst").header("x-oss-copy-source", "/only-bucket"));
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidArgument");
    assertThat(r.error().get("Message"))
        .isEqualTo("Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.");
  }
}
