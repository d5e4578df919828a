package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectAcl;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.ResponseHeaderOverrides;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canned ACLs as seen by an anonymous visitor (spec §3.10, §5.5). The anonymous client is the SDK
 * itself with an empty key pair, which makes it send requests unsigned.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class AclTest {
  private static final String ACL_DENIED =
      "You have no right to access this object because of bucket acl.";
  private static final String ANONYMOUS_DENIED =
      "Anonymous access is forbidden for this operation.";

  @Parameter String version;

  private OSS owner;
  private OSS anonymous;

  @BeforeEach
  void open() {
    owner = Clients.shared(version);
    anonymous = Clients.anonymous(version);
  }

  @AfterEach
  void close() {
    owner.shutdown();
    anonymous.shutdown();
  }

  @Test
  void publicReadBucketIsReadableButNotWritable() throws IOException {
    String bucket = bucketWith(CannedAccessControlList.PublicRead);
    owner.putObject(bucket, "doc.txt", Payloads.stream("public"));

    assertThat(read(anonymous, bucket, "doc.txt")).isEqualTo("public");
    assertThat(anonymous.headObject(bucket, "doc.txt").getContentLength()).isEqualTo(6);
    assertThat(anonymous.doesObjectExist(bucket, "doc.txt")).isTrue();
    assertThat(anonymous.listObjects(bucket).getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("doc.txt");

    OssErrors.expect(
        "AccessDenied",
        ACL_DENIED,
        () -> anonymous.putObject(bucket, "intruder", Payloads.stream("x")));
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.deleteObject(bucket, "doc.txt"));
    assertThat(owner.doesObjectExist(bucket, "intruder")).isFalse();
    assertThat(owner.doesObjectExist(bucket, "doc.txt")).isTrue();
  }

  @Test
  void privateBucketIsClosed() {
    String bucket = bucketWith(CannedAccessControlList.Private);
    owner.putObject(bucket, "secret", Payloads.stream("s"));

    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.listObjects(bucket));
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.getObject(bucket, "secret"));
    // HEAD: the error arrives in x-oss-err, so code and message are OSS's, not the SDK's
    // "AccessForbidden".
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.headObject(bucket, "secret"));
    OssErrors.expect(
        "AccessDenied",
        ACL_DENIED,
        () -> anonymous.putObject(bucket, "intruder", Payloads.stream("x")));
  }

  @Test
  void publicReadWriteBucketAcceptsAnonymousWrites() throws IOException {
    String bucket = bucketWith(CannedAccessControlList.PublicReadWrite);
    anonymous.putObject(bucket, "guest.txt", Payloads.stream("from a guest"));

    assertThat(read(owner, bucket, "guest.txt")).isEqualTo("from a guest");
    assertThat(read(anonymous, bucket, "guest.txt")).isEqualTo("from a guest");
    anonymous.deleteObject(bucket, "guest.txt");
    assertThat(owner.doesObjectExist(bucket, "guest.txt")).isFalse();
  }

  @Test
  void privateObjectAclOverridesAPublicBucket() throws IOException {
    String bucket = bucketWith(CannedAccessControlList.PublicRead);
    owner.putObject(bucket, "open", Payloads.stream("o"));
    owner.putObject(bucket, "closed", Payloads.stream("c"));
    owner.setObjectAcl(bucket, "closed", CannedAccessControlList.Private);

    assertThat(read(anonymous, bucket, "open")).isEqualTo("o");
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.getObject(bucket, "closed"));
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.headObject(bucket, "closed"));
    assertThat(read(owner, bucket, "closed")).isEqualTo("c");
  }

  @Test
  void publicObjectAclOpensOneObjectOfAPrivateBucket() throws IOException {
    String bucket = bucketWith(CannedAccessControlList.Private);
    owner.putObject(bucket, "shared", Payloads.stream("shared"));
    owner.putObject(bucket, "hidden", Payloads.stream("hidden"));
    owner.setObjectAcl(bucket, "shared", CannedAccessControlList.PublicRead);

    assertThat(read(anonymous, bucket, "shared")).isEqualTo("shared");
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.getObject(bucket, "hidden"));
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.listObjects(bucket));
  }

  @Test
  void objectAclRoundTripsAndDefaultsToDefault() {
    String bucket = bucketWith(CannedAccessControlList.Private);
    owner.putObject(bucket, "k", Payloads.stream("k"));

    ObjectAcl initial = owner.getObjectAcl(bucket, "k");
    assertThat(initial.getPermission()).isEqualTo(ObjectPermission.Default);
    assertThat(initial.getOwner().getId()).matches("1\\d{15}");
    assertThat(initial.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    for (CannedAccessControlList acl :
        List.of(
            CannedAccessControlList.PublicReadWrite,
            CannedAccessControlList.PublicRead,
            CannedAccessControlList.Private,
            CannedAccessControlList.Default)) {
      owner.setObjectAcl(bucket, "k", acl);
      assertThat(owner.getObjectAcl(bucket, "k").getPermission().toString())
          .isEqualTo(acl.toString());
    }
    OssErrors.expect("NoSuchKey", () -> owner.getObjectAcl(bucket, "absent"));
    OssErrors.expect(
        "NoSuchKey",
        () -> owner.setObjectAcl(bucket, "absent", CannedAccessControlList.PublicRead));
  }

  @Test
  void anonymousVisitorsCannotUseOwnerOperations() {
    String bucket = bucketWith(CannedAccessControlList.PublicReadWrite);
    owner.putObject(bucket, "k", Payloads.stream("k"));

    OssErrors.expect("AccessDenied", ANONYMOUS_DENIED, () -> anonymous.listBuckets());
    OssErrors.expect("AccessDenied", ANONYMOUS_DENIED, () -> anonymous.getBucketAcl(bucket));
    OssErrors.expect("AccessDenied", ANONYMOUS_DENIED, () -> anonymous.getBucketInfo(bucket));
    OssErrors.expect(
        "AccessDenied",
        ANONYMOUS_DENIED,
        () -> anonymous.setBucketAcl(bucket, CannedAccessControlList.Private));
    OssErrors.expect(
        "AccessDenied",
        ANONYMOUS_DENIED,
        () -> anonymous.setObjectAcl(bucket, "k", CannedAccessControlList.Private));
    OssErrors.expect("AccessDenied", ANONYMOUS_DENIED, () -> anonymous.deleteBucket(bucket));
    // response-* overrides are for signed requests only (spec §2.5).
    GetObjectRequest overridden = new GetObjectRequest(bucket, "k");
    ResponseHeaderOverrides overrides = new ResponseHeaderOverrides();
    overrides.setContentType("text/html");
    overridden.setResponseHeaders(overrides);
    OssErrors.expect("AccessDenied", ANONYMOUS_DENIED, () -> anonymous.getObject(overridden));
  }

  @Test
  void anonymousProbesOfBucketsTellAbsentFromPresent() {
    String present = bucketWith(CannedAccessControlList.Private);
    String absent = Buckets.unique("nobucket");
    // doesBucketExist is a GetBucketAcl: AccessDenied reads as "exists", NoSuchBucket as "does
    // not".
    assertThat(anonymous.doesBucketExist(present)).isTrue();
    assertThat(anonymous.doesBucketExist(absent)).isFalse();
    OssErrors.expect("NoSuchBucket", () -> anonymous.getBucketAcl(absent));
    OssErrors.expect("NoSuchBucket", () -> anonymous.getObject(absent, "k"));
    OssErrors.expect("NoSuchBucket", () -> anonymous.listObjects(absent));
    assertThat(anonymous.doesObjectExist(absent, "k")).isFalse();
  }

  private String bucketWith(CannedAccessControlList acl) {
    String bucket = Buckets.unique("acl");
    owner.createBucket(new CreateBucketRequest(bucket).withCannedACL(acl));
    return bucket;
  }

  private static String read(OSS client, String bucket, String key) throws IOException {
    try (OSSObject o = client.getObject(bucket, key)) {
      return new String(
          o.getObjectContent().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
