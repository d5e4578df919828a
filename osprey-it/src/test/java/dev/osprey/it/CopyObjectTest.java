package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** CopyObject through the SDK (spec §3.2). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class CopyObjectTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("copy");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private byte[] read(String b, String key) throws IOException {
    try (var o = oss.getObject(b, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private void putWithMeta(String key, byte[] content) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("text/plain");
    meta.addUserMetadata("origin", "src");
    meta.setHeader("x-oss-tagging", "t=1");
    oss.putObject(bucket, key, Payloads.stream(content), meta);
  }

  @Test
  void copyInTheSameBucketKeepsBytesMetadataAndTags() throws IOException {
    byte[] content = Payloads.random(50_000, 1);
    putWithMeta("dir/src file+1.txt", content);
    CopyObjectResult r = oss.copyObject(bucket, "dir/src file+1.txt", bucket, "dst.txt");
    assertThat(r.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(r.getLastModified()).isNotNull();
    assertThat(read(bucket, "dst.txt")).isEqualTo(content);
    ObjectMetadata head = oss.getObjectMetadata(bucket, "dst.txt");
    assertThat(head.getContentType()).isEqualTo("text/plain");
    assertThat(head.getUserMetadata()).containsEntry("origin", "src");
    assertThat(head.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(oss.getObjectTagging(bucket, "dst.txt").getAllTags()).containsEntry("t", "1");
  }

  @Test
  void copyToAnotherBucketWithReplacedMetadata() throws IOException {
    String other = Buckets.unique("copy-dst");
    oss.createBucket(other);
    putWithMeta("src", Payloads.utf8("hello"));
    CopyObjectRequest req = new CopyObjectRequest(bucket, "src", other, "dst");
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("application/json");
    meta.addUserMetadata("fresh", "yes");
    req.setNewObjectMetadata(meta);
    oss.copyObject(req);
    assertThat(read(other, "dst")).isEqualTo(Payloads.utf8("hello"));
    ObjectMetadata head = oss.getObjectMetadata(other, "dst");
    assertThat(head.getContentType()).isEqualTo("application/json");
    assertThat(head.getUserMetadata()).containsOnlyKeys("fresh");
    assertThat(oss.getObjectTagging(other, "dst").getAllTags())
        .as("tagging directive defaults to COPY")
        .containsEntry("t", "1");
  }

  @Test
  void copyOntoItselfWithReplaceUpdatesMetadataOnly() throws IOException {
    putWithMeta("self", Payloads.utf8("same bytes"));
    String etag = oss.getObjectMetadata(bucket, "self").getETag();
    CopyObjectRequest req = new CopyObjectRequest(bucket, "self", bucket, "self");
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("text/csv");
    meta.addUserMetadata("v", "2");
    req.setNewObjectMetadata(meta);
    CopyObjectResult r = oss.copyObject(req);
    assertThat(r.getETag()).isEqualTo(etag);
    ObjectMetadata head = oss.getObjectMetadata(bucket, "self");
    assertThat(head.getContentType()).isEqualTo("text/csv");
    assertThat(head.getUserMetadata()).containsOnlyKeys("v");
    assertThat(read(bucket, "self")).isEqualTo(Payloads.utf8("same bytes"));
  }

  @Test
  void copySourceConditions() {
    oss.putObject(bucket, "src", Payloads.stream("x"));
    String etag = oss.getObjectMetadata(bucket, "src").getETag();
    Date future = new Date(System.currentTimeMillis() + 3_600_000);
    Date past = new Date(System.currentTimeMillis() - 3_600_000);

    CopyObjectRequest match = new CopyObjectRequest(bucket, "src", bucket, "a");
    match.setMatchingETagConstraints(List.of("\"" + etag + "\""));
    match.setUnmodifiedSinceConstraint(future);
    oss.copyObject(match);
    assertThat(oss.doesObjectExist(bucket, "a")).isTrue();

    CopyObjectRequest noMatch = new CopyObjectRequest(bucket, "src", bucket, "b");
    noMatch.setMatchingETagConstraints(List.of("\"0000\""));
    OssErrors.expect("PreconditionFailed", () -> oss.copyObject(noMatch));

    CopyObjectRequest unmodified = new CopyObjectRequest(bucket, "src", bucket, "b");
    unmodified.setUnmodifiedSinceConstraint(past);
    OssErrors.expect("PreconditionFailed", () -> oss.copyObject(unmodified));

    CopyObjectRequest noneMatch = new CopyObjectRequest(bucket, "src", bucket, "b");
    noneMatch.setNonmatchingETagConstraints(List.of("\"" + etag + "\""));
    assertNotModified(noneMatch);

    CopyObjectRequest modified = new CopyObjectRequest(bucket, "src", bucket, "b");
    modified.setModifiedSinceConstraint(future);
    assertNotModified(modified);
    assertThat(oss.doesObjectExist(bucket, "b")).isFalse();
  }

  /** A 304 carries no body, so the SDK reports it without an OSS error code. */
  private void assertNotModified(CopyObjectRequest req) {
    try {
      oss.copyObject(req);
    } catch (com.aliyun.oss.OSSException e) {
      assertThat(e.getErrorCode()).isIn("NotModified", null, "");
      return;
    } catch (com.aliyun.oss.ClientException e) {
      assertThat(e.getMessage()).isNotEmpty();
      return;
    }
    throw new AssertionError("expected the copy to be refused with 304");
  }

  @Test
  void forbidOverwriteAndMissingSource() {
    oss.putObject(bucket, "src", Payloads.stream("x"));
    oss.putObject(bucket, "dst", Payloads.stream("y"));
    CopyObjectRequest req = new CopyObjectRequest(bucket, "src", bucket, "dst");
    ObjectMetadata meta = new ObjectMetadata();
    meta.setHeader("x-oss-forbid-overwrite", "true");
    req.setNewObjectMetadata(meta);
    OssErrors.expect("FileAlreadyExists", () -> oss.copyObject(req));
    OssErrors.expect("NoSuchKey", () -> oss.copyObject(bucket, "nope", bucket, "dst2"));
    OssErrors.expect("NoSuchBucket", () -> oss.copyObject(bucket, "src", "no-such-bkt-x1", "d"));
  }

  @Test
  void copyOfAnAppendableObjectStaysAppendable() throws IOException {
    AppendObjectRequest a = new AppendObjectRequest(bucket, "log", Payloads.stream("abc"));
    a.setPosition(0L);
    oss.appendObject(a);
    oss.copyObject(bucket, "log", bucket, "log-copy");
    ObjectMetadata head = oss.getObjectMetadata(bucket, "log-copy");
    assertThat(head.getObjectType()).isEqualTo("Appendable");
    AppendObjectRequest more = new AppendObjectRequest(bucket, "log-copy", Payloads.stream("d"));
    more.setPosition(3L);
    assertThat(oss.appendObject(more).getNextPosition()).isEqualTo(4L);
    assertThat(read(bucket, "log-copy")).isEqualTo(Payloads.utf8("abcd"));
  }

  @Test
  void anonymousCopyNeedsReadOnTheSource() throws IOException {
    oss.setBucketAcl(bucket, CannedAccessControlList.PublicReadWrite);
    oss.putObject(bucket, "private", Payloads.stream("secret"));
    oss.setObjectAcl(bucket, "private", CannedAccessControlList.Private);
    oss.putObject(bucket, "public", Payloads.stream("open"));
    OSS anonymous = Clients.anonymous(version);
    try {
      OssErrors.expect(
          "AccessDenied", () -> anonymous.copyObject(bucket, "private", bucket, "stolen"));
      assertThat(oss.doesObjectExist(bucket, "stolen")).isFalse();
      anonymous.copyObject(bucket, "public", bucket, "copied");
      assertThat(read(bucket, "copied")).isEqualTo(Payloads.utf8("open"));
    } finally {
      anonymous.shutdown();
    }
  }
}
