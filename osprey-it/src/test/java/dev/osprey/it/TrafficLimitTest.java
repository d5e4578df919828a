package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code x-oss-traffic-limit} through the Java SDK. At OSS's lowest limit (819200 bit/s, 100 KiB/s)
 * a 160 KiB body needs at least 1.5 s; over loopback it takes milliseconds without the limit. The
 * tests assert a generous lower bound only (1 s), which no fast machine can undercut when the limit
 * is enforced and no slow one can fail, and the bytes themselves.
 */
class TrafficLimitTest {
  private static final int LOWEST = 819_200;
  private static final int SIZE = 160 * 1024;
  private static final long AT_LEAST_MILLIS = 1000;
  private static OSS oss;
  private static String bucket;

  @BeforeAll
  static void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("traffic");
    oss.createBucket(bucket);
  }

  @AfterAll
  static void close() {
    oss.shutdown();
  }

  @Test
  void aLimitedPutIsReceivedNoFasterThanTheLimit() throws Exception {
    byte[] body = Payloads.random(SIZE, 1);
    PutObjectRequest put =
        new PutObjectRequest(bucket, "limited-put", new ByteArrayInputStream(body));
    put.setTrafficLimit(LOWEST);
    long start = System.nanoTime();
    oss.putObject(put);
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
    try (OSSObject o = oss.getObject(bucket, "limited-put")) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(body);
    }
  }

  @Test
  void aLimitedGetIsSentNoFasterThanTheLimit() throws Exception {
    byte[] body = Payloads.random(SIZE, 2);
    oss.putObject(bucket, "limited-get", new ByteArrayInputStream(body));
    GetObjectRequest get = new GetObjectRequest(bucket, "limited-get");
    get.setTrafficLimit(LOWEST);
    long start = System.nanoTime();
    byte[] read;
    try (OSSObject o = oss.getObject(get)) {
      read = o.getObjectContent().readAllBytes();
    }
    assertThat(millisSince(start)).isGreaterThanOrEqualTo(AT_LEAST_MILLIS);
    assertThat(read).isEqualTo(body);
  }

  @Test
  void appendsAndPartsAcceptALimit() throws Exception {
    AppendObjectRequest append =
        new AppendObjectRequest(bucket, "limited-append", new ByteArrayInputStream(new byte[1000]));
    append.setPosition(0L);
    append.setTrafficLimit(LOWEST * 8);
    assertThat(oss.appendObject(append).getNextPosition()).isEqualTo(1000L);

    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "limited-part"))
            .getUploadId();
    UploadPartRequest part =
        new UploadPartRequest(
            bucket, "limited-part", uploadId, 1, new ByteArrayInputStream(new byte[1000]), 1000);
    part.setTrafficLimit(LOWEST);
    assertThat(oss.uploadPart(part).getPartETag().getPartNumber()).isEqualTo(1);
  }

  @Test
  void aLimitOutsideOssRangeIsInvalidArgument() {
    PutObjectRequest tooLow =
        new PutObjectRequest(bucket, "never", new ByteArrayInputStream(new byte[10]));
    tooLow.setTrafficLimit(LOWEST - 1);
    OssErrors.expect("InvalidArgument", () -> oss.putObject(tooLow));
    GetObjectRequest tooHigh = new GetObjectRequest(bucket, "never");
    tooHigh.setTrafficLimit(838_860_801);
    OssErrors.expect("InvalidArgument", () -> oss.getObject(tooHigh));
    OssErrors.expect("NoSuchKey", () -> oss.getObjectMetadata(bucket, "never"));
  }

  @Test
  void presignedUrlsCarryTheLimitAsAQueryParameter() throws Exception {
    oss.putObject(bucket, "presigned", new ByteArrayInputStream(new byte[2000]));
    HttpClient http = HttpClient.newHttpClient();
    assertThat(send(http, presigned("presigned", LOWEST)).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = send(http, presigned("presigned", 100));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("<Code>InvalidArgument</Code>")
        .contains("x-oss-traffic-limit");
  }

  private static URL presigned(String key, int limit) {
    GeneratePresignedUrlRequest r = new GeneratePresignedUrlRequest(bucket, key, HttpMethod.GET);
    r.setExpiration(new Date(System.currentTimeMillis() + 600_000));
    r.setTrafficLimit(limit);
    return oss.generatePresignedUrl(r);
  }

  private static HttpResponse<String> send(HttpClient http, URL url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(url.toURI()).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
