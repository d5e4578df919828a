package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import dev.osprey.storage.s3.S3MockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The official OSS SDK against an Osprey process started with {@code --data s3://...}: object bytes
 * in a real S3 server (S3Mock, started by the test), metadata in the embedded RocksDB. Everything
 * is checked byte for byte, then again after the Osprey process is killed (SIGKILL) and started
 * anew.
 */
class S3DataSmokeTest {
  private static final String ID = "LTAIospreyS3Smoke000";
  private static final String SECRET = "ospreyS3SmokeSecret0123456789ab";
  private static final int KIB = 1024;

  @TempDir Path metadataDir;

  private final String prefix = "smoke-" + UUID.randomUUID() + "/";

  private ServerProcess start(S3MockServer s3) throws IOException {
    return ServerProcess.launch(
        List.of("--data", s3.dataUri(prefix), "--metadata-dir", metadataDir.toString()),
        Map.of(
            "AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_ACCESS_KEY),
        ID,
        SECRET);
  }

  private static byte[] get(OSS oss, String bucket, String key, long from, long to)
      throws IOException {
    GetObjectRequest req = new GetObjectRequest(bucket, key);
    if (from >= 0) {
      req.setRange(from, to);
    }
    try (OSSObject o = oss.getObject(req);
        InputStream in = o.getObjectContent()) {
      return in.readAllBytes();
    }
  }

  private static byte[] get(OSS oss, String bucket, String key) throws IOException {
    return get(oss, bucket, key, -1, -1);
  }

  private static void checkAll(OSS oss, String bucket, Map<String, byte[]> expected)
      throws IOException {
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(get(oss, bucket, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      byte[] v = e.getValue();
      if (v.length > 10) {
        int from = v.length / 3;
        int to = v.length - 5;
        assertThat(get(oss, bucket, e.getKey(), from, to))
            .as("%s bytes %d-%d", e.getKey(), from, to)
            .isEqualTo(Arrays.copyOfRange(v, from, to + 1));
      }
    }
  }

  @Test
  void objectsLiveInS3AndSurviveARestart() throws Exception {
    S3MockServer s3 = S3MockServer.shared();
    String bucket = "s3-smoke";
    Map<String, byte[]> expected = new LinkedHashMap<>();
    try (ServerProcess osprey = start(s3)) {
      OSS oss = Clients.sdk(osprey.endpoint(), "V4", ID, SECRET);
      try {
        oss.createBucket(bucket);
        // PUT, a small and a larger object, and an empty one
        expected.put("small.txt", Payloads.utf8("hello from S3"));
        expected.put("big.bin", Payloads.random(1536 * KIB + 17, 1));
        expected.put("empty", new byte[0]);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
          oss.putObject(bucket, e.getKey(), Payloads.stream(e.getValue()));
        }

        // Appends: many small, then some large
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long position = 0;
        List<byte[]> appends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          appends.add(Payloads.random(100 + i, 10 + i));
        }
        appends.add(Payloads.random(1024 * KIB + 3, 60));
        appends.add(Payloads.random(300 * KIB, 61));
        appends.add(Payloads.random(33, 62));
        for (byte[] a : appends) {
          AppendObjectRequest req =
              new AppendObjectRequest(bucket, "log", Payloads.stream(a)).withPosition(position);
          AppendObjectResult r = oss.appendObject(req);
          position = r.getNextPosition();
          log.writeBytes(a);
          assertThat(position).isEqualTo(log.size());
        }
        expected.put("log", log.toByteArray());

        // Multipart: three parts
        String upload =
            oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "multi"))
                .getUploadId();
        List<PartETag> etags = new ArrayList<>();
        ByteArrayOutputStream multi = new ByteArrayOutputStream();
        int[] sizes = {300 * KIB, 300 * KIB, 5 * KIB};
        for (int i = 0; i < sizes.length; i++) {
          byte[] part = Payloads.random(sizes[i], 70 + i);
          UploadPartRequest req =
              new UploadPartRequest(
                  bucket, "multi", upload, i + 1, Payloads.stream(part), part.length);
          etags.add(oss.uploadPart(req).getPartETag());
          multi.writeBytes(part);
        }
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest(bucket, "multi", upload, etags));
        expected.put("multi", multi.toByteArray());

        // Copy
        oss.copyObject(bucket, "big.bin", bucket, "big-copy.bin");
        expected.put("big-copy.bin", expected.get("big.bin"));

        // Delete
        oss.putObject(bucket, "doomed", Payloads.stream(Payloads.utf8("bye")));
        oss.deleteObject(bucket, "doomed");
        assertThatThrownBy(() -> get(oss, bucket, "doomed"))
            .isInstanceOfSatisfying(
                OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));

        checkAll(oss, bucket, expected);
      } finally {
        oss.shutdown();
      }
      osprey.kill();
    }

    // The bytes are in S3, not in the local directory, which holds metadata only.
    assertThat(Files.exists(metadataDir.resolve("blobs"))).isFalse();
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(S3MockServer.credentials())
            .build()) {
      long chunks =
          client
              .listObjectsV2Paginator(r -> r.bucket(S3MockServer.BUCKET).prefix(prefix))
              .contents()
              .stream()
              .count();
      assertThat(chunks).isGreaterThanOrEqualTo(expected.size());
    }

    try (ServerProcess osprey = start(s3)) {
      OSS oss = Clients.sdk(osprey.endpoint(), "V1", ID, SECRET);
      try {
        checkAll(oss, bucket, expected);
        byte[] more = Payloads.random(77, 99);
        long at = expected.get("log").length;
        AppendObjectResult r =
            oss.appendObject(
                new AppendObjectRequest(bucket, "log", Payloads.stream(more)).withPosition(at));
        assertThat(r.getNextPosition()).isEqualTo(at + 77);
        byte[] log = Arrays.copyOf(expected.get("log"), (int) at + 77);
        System.arraycopy(more, 0, log, (int) at, 77);
        assertThat(get(oss, bucket, "log")).isEqualTo(log);
      } finally {
        oss.shutdown();
      }
    }
  }
}
