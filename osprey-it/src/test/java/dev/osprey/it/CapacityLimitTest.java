package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osprey server --max-storage}: the bytes of objects stored are capped; a write that would
 * pass the cap is refused with 507 InsufficientStorage naming the limit, before any byte is stored;
 * reads and deletes are unaffected, a delete makes room at once, and the count is rebuilt on
 * restart.
 */
class CapacityLimitTest {
  private static final String AK = "LTAIcapacityTestKey0";
  private static final String SK = "capacityTestSecret0123456789abcd";
  private static final String BUCKET = "capacity";
  private static final long CAPACITY = 1_000_000;
  private static final List<String> OPTIONS = List.of("--max-storage", "1000000");

  @TempDir Path data;

  @Test
  void writesPastTheCapacityAreRefusedAndDeletesMakeRoom() throws Exception {
    byte[] a = Payloads.random(300_000, 1);
    byte[] b = Payloads.random(300_000, 2);
    byte[] c = Payloads.random(300_000, 3);
    byte[] log1 = Payloads.random(90_000, 4);
    try (ServerProcess server = ServerProcess.start(data, AK, SK, OPTIONS)) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      try {
        oss.createBucket(BUCKET);
        oss.putObject(BUCKET, "a", new ByteArrayInputStream(a));
        oss.putObject(BUCKET, "b", new ByteArrayInputStream(b));
        oss.putObject(BUCKET, "c", new ByteArrayInputStream(c));
        append(oss, "log", 0, log1); // 990,000 bytes stored
        OSSException refused =
            OssErrors.expect(
                "InsufficientStorage",
                () -> oss.putObject(BUCKET, "d", new ByteArrayInputStream(new byte[20_000])));
        assertThat(refused.getErrorMessage())
            .contains("capacity of " + CAPACITY + " bytes")
            .contains("--max-storage")
            .contains("990000 bytes are stored");
        OssErrors.expect("InsufficientStorage", () -> append(oss, "log", 90_000, new byte[20_000]));
        OssErrors.expect(
            "InsufficientStorage",
            () -> {
              String id =
                  oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "mp"))
                      .getUploadId();
              UploadPartRequest part =
                  new UploadPartRequest(
                      BUCKET, "mp", id, 1, new ByteArrayInputStream(new byte[20_000]), 20_000);
              oss.uploadPart(part);
            });
        assertThat(oss.doesObjectExist(BUCKET, "d")).isFalse();
        assertThat(read(oss, "log")).isEqualTo(log1);
        // What fits still fits.
        append(oss, "log", 90_000, new byte[10_000]);
        assertThat(read(oss, "a")).isEqualTo(a);

        oss.deleteObject(BUCKET, "a");
        byte[] d = Payloads.random(250_000, 5);
        oss.putObject(BUCKET, "d", new ByteArrayInputStream(d));
        assertThat(read(oss, "d")).isEqualTo(d);
        // Overwriting counts the difference: b shrinks, then grows back to the limit's edge.
        oss.putObject(BUCKET, "b", new ByteArrayInputStream(new byte[1000]));
        oss.putObject(BUCKET, "b", new ByteArrayInputStream(b));
      } finally {
        oss.shutdown();
      }
    }
    // 950,000 bytes stored: the count is rebuilt at open.
    try (ServerProcess restarted = ServerProcess.start(data, AK, SK, OPTIONS)) {
      OSS oss = Clients.sdk(restarted.endpoint(), "V1", AK, SK);
      try {
        OSSException refused =
            OssErrors.expect(
                "InsufficientStorage",
                () -> oss.putObject(BUCKET, "e", new ByteArrayInputStream(new byte[60_000])));
        assertThat(refused.getErrorMessage()).contains("950000 bytes are stored");
        oss.putObject(BUCKET, "e", new ByteArrayInputStream(new byte[50_000]));
        assertThat(read(oss, "b")).isEqualTo(b);
        assertThat(read(oss, "c")).isEqualTo(c);
      } finally {
        oss.shutdown();
      }
    }
  }

  private static void append(OSS oss, String key, long position, byte[] body) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(body.length);
    AppendObjectRequest req = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(body));
    req.setMetadata(meta);
    req.setPosition(position);
    oss.appendObject(req);
  }

  private static byte[] read(OSS oss, String key) throws Exception {
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }
}
