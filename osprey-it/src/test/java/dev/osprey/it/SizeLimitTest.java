package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import dev.osprey.protocol.Limits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 5 GiB cap (spec §1.6, §3.1): a request that announces more is refused before a byte of its
 * body is read, and what is stored stays as it was. Only the head is sent: the server must answer
 * without waiting for the body.
 */
class SizeLimitTest {
  private static final long FIVE_GIB = Limits.OBJECT_BYTES;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("limits");
    oss.createBucket(bucket);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void putObjectOverFiveGibIsInvalidArgument() throws Exception {
    oss.putObject(bucket, "k", new ByteArrayInputStream("kept".getBytes(StandardCharsets.UTF_8)));
    RawRequest put =
        RawRequest.of("PUT", bucket, "k")
            .withoutContentLength()
            .header("Content-Length", Long.toString(FIVE_GIB + 1));
    try (RawConnection c = new RawConnection()) {
      c.write(put.headBytes());
      assertError(c.read(false), 400, "InvalidArgument");
    }
    assertThat(read("k")).isEqualTo("kept");
  }

  @Test
  void anAppendThatWouldPassFiveGibIsEntityTooLargeAndStoresNothing() throws Exception {
    RawConnection.exchange(
        RawRequest.of("POST", bucket, "log")
            .query("append", null)
            .query("position", "0")
            .body("abc"));
    RawRequest append =
        RawRequest.of("POST", bucket, "log")
            .query("append", null)
            .query("position", "3")
            .withoutContentLength()
            .header("Content-Length", Long.toString(FIVE_GIB - 2));
    try (RawConnection c = new RawConnection()) {
      c.write(append.headBytes());
      assertError(c.read(false), 400, "EntityTooLarge");
    }
    assertThat(read("log")).isEqualTo("abc");
    assertThat(oss.getObjectMetadata(bucket, "log").getContentLength()).isEqualTo(3);
  }

  @Test
  void aPartOverFiveGibIsEntityTooLarge() throws Exception {
    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "big"))
            .getUploadId();
    RawRequest part =
        RawRequest.of("PUT", bucket, "big")
            .query("partNumber", "1")
            .query("uploadId", uploadId)
            .withoutContentLength()
            .header("Content-Length", Long.toString(Limits.PART_BYTES + 1));
    try (RawConnection c = new RawConnection()) {
      c.write(part.headBytes());
      assertError(c.read(false), 400, "EntityTooLarge");
    }
    assertThat(
            oss.listParts(new com.aliyun.oss.model.ListPartsRequest(bucket, "big", uploadId))
                .getParts())
        .isEmpty();
    oss.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "big", uploadId));
  }

  private String read(String key) throws Exception {
    try (var o = oss.getObject(bucket, key)) {
      return new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
