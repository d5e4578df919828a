package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.BucketReferer;
import com.aliyun.oss.model.BucketStat;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.TagSet;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bucket tagging (Put/Get/DeleteBucketTags), hotlink protection (Put/GetBucketReferer and its
 * enforcement on reads) and GetBucketStat, through the Java SDK.
 */
class BucketTaggingRefererStatTest {
  static final String REFERER_DENIED = "You are denied by bucket referer policy.";

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared("V4");
    bucket = Buckets.unique("sub");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void bucketTagsAreStoredReturnedAndDeleted() {
    assertThat(oss.getBucketTagging(bucket).getAllTags()).isEmpty();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "storage");
    tags.put("cost center", "42/a");
    oss.setBucketTagging(bucket, tags);
    assertThat(oss.getBucketTagging(bucket).getAllTags()).isEqualTo(tags);
    oss.setBucketTagging(bucket, Map.of("only", "one"));
    assertThat(oss.getBucketTagging(bucket).getAllTags()).isEqualTo(Map.of("only", "one"));
    oss.deleteBucketTagging(bucket);
    assertThat(oss.getBucketTagging(bucket).getAllTags()).isEmpty();
  }

  @Test
  void bucketTagsOutsideTheLimitsAreInvalidTag() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      many.put("k" + i, "v");
    }
    OssErrors.expect("InvalidTag", () -> oss.setBucketTagging(bucket, many));
    OssErrors.expect("InvalidTag", () -> oss.setBucketTagging(bucket, Map.of("k".repeat(65), "v")));
    OssErrors.expect("InvalidTag", () -> oss.setBucketTagging(bucket, Map.of("Aliyun-x", "v")));
    TagSet twenty = new TagSet();
    for (int i = 0; i < 20; i++) {
      twenty.setTag("k" + i, "v");
    }
    oss.setBucketTagging(bucket, twenty);
    assertThat(oss.getBucketTagging(bucket).getAllTags()).hasSize(20);
    OssErrors.expect("NoSuchBucket", () -> oss.getBucketTagging(bucket + "-absent"));
  }

  @Test
  void refererDefaultsThenRoundTrips() {
    BucketReferer none = oss.getBucketReferer(bucket);
    assertThat(none.isAllowEmptyReferer()).isTrue();
    assertThat(none.getRefererList()).isEmpty();
    BucketReferer conf =
        new BucketReferer(false, List.of("http://*.example.com", "http://a?.test"));
    conf.setAllowTruncateQueryString(false);
    conf.setBlackRefererList(List.of("http://bad.example.com"));
    oss.setBucketReferer(bucket, conf);
    BucketReferer got = oss.getBucketReferer(bucket);
    assertThat(got.isAllowEmptyReferer()).isFalse();
    assertThat(got.isAllowTruncateQueryString()).isFalse();
    assertThat(got.getRefererList()).containsExactly("http://*.example.com", "http://a?.test");
    assertThat(got.getBlackRefererList()).containsExactly("http://bad.example.com");
  }

  @Test
  void refererIsEnforcedOnAnonymousAndUrlSignedReadsOnly() {
    oss.putObject(bucket, "pic.png", new ByteArrayInputStream(new byte[] {1, 2, 3}));
    oss.setBucketAcl(bucket, CannedAccessControlList.PublicRead);
    BucketReferer conf = new BucketReferer(false, List.of("http://*.example.com/*"));
    conf.setBlackRefererList(List.of("http://bad.example.com*"));
    oss.setBucketReferer(bucket, conf);

    assertThat(anonymousGet(null).statusCode()).as("no Referer, not allowed").isEqualTo(403);
    HttpResponse<String> other = anonymousGet("http://elsewhere.test/page");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(other)).isEqualTo("AccessDenied");
    assertThat(Http.element(other.body(), "Message")).isEqualTo(REFERER_DENIED);
    assertThat(anonymousGet("http://www.example.com/page?x=1").statusCode()).isEqualTo(200);
    assertThat(anonymousGet("http://bad.example.com/page").statusCode())
        .as("blacklisted although whitelisted")
        .isEqualTo(403);

    URL signed =
        oss.generatePresignedUrl(bucket, "pic.png", new Date(System.currentTimeMillis() + 60_000));
    HttpResponse<String> presigned =
        Http.send(HttpRequest.newBuilder(URI.create(signed.toString())).GET().build());
    assertThat(presigned.statusCode()).as("a URL signature is checked too").isEqualTo(403);

    // The SDK signs in the Authorization header and sends no Referer: not checked.
    assertThat(oss.getObject(bucket, "pic.png").getObjectMetadata().getContentLength())
        .isEqualTo(3);
  }

  private HttpResponse<String> anonymousGet(String referer) {
    HttpRequest.Builder b = Http.request(bucket, "pic.png").GET();
    if (referer != null) {
      b.header("Referer", referer);
    }
    return Http.send(b.build());
  }

  @Test
  void statCountsObjectsStorageUploadsAndAppendables() {
    BucketStat empty = oss.getBucketStat(bucket);
    assertThat(empty.getObjectCount()).isZero();
    assertThat(empty.getStorageSize()).isZero();

    oss.putObject(bucket, "a", new ByteArrayInputStream(new byte[100]));
    ObjectMetadata ia = new ObjectMetadata();
    ia.setHeader("x-oss-storage-class", StorageClass.IA.toString());
    oss.putObject(new PutObjectRequest(bucket, "b", new ByteArrayInputStream(new byte[50]), ia));
    AppendObjectRequest append =
        new AppendObjectRequest(bucket, "log", new ByteArrayInputStream(new byte[7]));
    append.setPosition(0L);
    oss.appendObject(append);
    oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "big"));

    BucketStat stat = oss.getBucketStat(bucket);
    assertThat(stat.getObjectCount()).isEqualTo(3);
    assertThat(stat.getStorageSize()).isEqualTo(157);
    assertThat(stat.getMultipartUploadCount()).isEqualTo(1);
    assertThat(stat.getStandardObjectCount()).isEqualTo(2);
    assertThat(stat.getStandardStorage()).isEqualTo(107);
    assertThat(stat.getInfrequentAccessObjectCount()).isEqualTo(1);
    assertThat(stat.getInfrequentAccessStorage()).isEqualTo(50);
    assertThat(stat.getLastModifiedTime())
        .isBetween(System.currentTimeMillis() / 1000 - 600, System.currentTimeMillis() / 1000 + 5);
    OssErrors.expect("NoSuchBucket", () -> oss.getBucketStat(bucket + "-absent"));
  }
}
