package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import dev.osprey.protocol.Crc64;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.postgres.PostgresProcess;
import dev.osprey.storage.postgres.PostgresSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with its metadata in a real PostgreSQL (started by the test), through the official
 * SDK: buckets, PUT/GET, small appends (the tail path) with their CRC, listing by UTF-8 byte order,
 * multipart, and everything still there after a restart of the server.
 */
class PostgresMetadataServerTest {
  private static final String AK = "LTAIpostgresMeta0001";
  private static final String SK = "postgresMetaSecret0123456789abcd";

  @TempDir Path data;

  private OspreyServer start(PostgresSettings settings) throws Exception {
    return OspreyServer.builder()
        .port(0)
        .dataDir(data)
        .rootCredentials(AK, SK)
        .metadata(settings)
        .build()
        .start();
  }

  private static String read(OSS oss, String bucket, String key) throws Exception {
    try (InputStream in = oss.getObject(bucket, key).getObjectContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream body(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSdkWorksOnPostgresMetadataAndItSurvivesARestart() throws Exception {
    PostgresProcess pg = PostgresProcess.shared();
    PostgresSettings settings = pg.settings(pg.newSchema());
    Long crc;
    try (OspreyServer server = start(settings)) {
      OSS oss = Clients.sdk(server.endpoint(), "V4", AK, SK);
      try {
        oss.createBucket("pgbucket");
        oss.putObject("pgbucket", "plain.txt", body("hello postgres"));
        assertThat(read(oss, "pgbucket", "plain.txt")).isEqualTo("hello postgres");

        long position = 0;
        AppendObjectResult last = null;
        for (String piece : List.of("one,", "two,", "three")) {
          AppendObjectRequest r = new AppendObjectRequest("pgbucket", "log", body(piece));
          r.setPosition(position);
          last = oss.appendObject(r);
          position = last.getNextPosition();
        }
        assertThat(read(oss, "pgbucket", "log")).isEqualTo("one,two,three");
        byte[] whole = "one,two,three".getBytes(StandardCharsets.UTF_8);
        crc = Crc64.update(0, whole, 0, whole.length);
        assertThat(last.getServerCRC()).isEqualTo(crc); // the running CRC-64 of every byte
        AppendObjectRequest stale = new AppendObjectRequest("pgbucket", "log", body("x"));
        stale.setPosition(4L);
        assertThatThrownBy(() -> oss.appendObject(stale))
            .isInstanceOfSatisfying(
                OSSException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("PositionNotEqualToLength"));

        for (String k : List.of("😀", "\uFFFD", "a/2", "a/1")) {
          oss.putObject("pgbucket", "keys/" + k, body(k));
        }
        ObjectListing listing =
            oss.listObjects(new ListObjectsRequest("pgbucket").withPrefix("keys/").withMaxKeys(3));
        assertThat(listing.getObjectSummaries())
            .extracting(OSSObjectSummary::getKey)
            .containsExactly("keys/a/1", "keys/a/2", "keys/\uFFFD");
        assertThat(listing.isTruncated()).isTrue();
        ObjectListing rest =
            oss.listObjects(
                new ListObjectsRequest("pgbucket")
                    .withPrefix("keys/")
                    .withMarker(listing.getNextMarker()));
        assertThat(rest.getObjectSummaries())
            .extracting(OSSObjectSummary::getKey)
            .containsExactly("keys/😀");

        String uploadId =
            oss.initiateMultipartUpload(new InitiateMultipartUploadRequest("pgbucket", "mp"))
                .getUploadId();
        List<PartETag> tags = new ArrayList<>();
        byte[] part1 = new byte[100 * 1024];
        java.util.Arrays.fill(part1, (byte) 'a');
        for (int n = 1; n <= 2; n++) {
          UploadPartRequest up = new UploadPartRequest();
          up.setBucketName("pgbucket");
          up.setKey("mp");
          up.setUploadId(uploadId);
          up.setPartNumber(n);
          byte[] bytes = n == 1 ? part1 : "tail".getBytes(StandardCharsets.UTF_8);
          up.setInputStream(new ByteArrayInputStream(bytes));
          up.setPartSize(bytes.length);
          tags.add(oss.uploadPart(up).getPartETag());
        }
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest("pgbucket", "mp", uploadId, tags));
        assertThat(oss.getObjectMetadata("pgbucket", "mp").getContentLength())
            .isEqualTo(100 * 1024 + 4);
        oss.deleteObject("pgbucket", "plain.txt");
        assertThat(oss.doesObjectExist("pgbucket", "plain.txt")).isFalse();
      } finally {
        oss.shutdown();
      }
    }
    try (OspreyServer again = start(settings)) {
      OSS oss = Clients.sdk(again.endpoint(), "V4", AK, SK);
      try {
        assertThat(read(oss, "pgbucket", "log")).isEqualTo("one,two,three");
        assertThat(oss.getObjectMetadata("pgbucket", "log").getServerCRC()).isEqualTo(crc);
        assertThat(oss.doesObjectExist("pgbucket", "plain.txt")).isFalse();
        assertThat(oss.getObjectMetadata("pgbucket", "mp").getContentLength())
            .isEqualTo(100 * 1024 + 4);
        AppendObjectRequest more = new AppendObjectRequest("pgbucket", "log", body(",four"));
        more.setPosition((long) "one,two,three".length());
        oss.appendObject(more);
        assertThat(read(oss, "pgbucket", "log")).isEqualTo("one,two,three,four");
      } finally {
        oss.shutdown();
      }
    }
  }
}
