package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.BucketInfo;
import com.aliyun.oss.model.BucketList;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.DataRedundancyType;
import com.aliyun.oss.model.ListBucketsRequest;
import com.aliyun.oss.model.StorageClass;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Bucket lifecycle, bucket information and bucket ACL through the SDK (spec §3.7, §3.10). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class BucketTest {
  private static final String OWNER_ID = "1\\d{15}";
  private static final String LOCATION = "oss-" + Clients.REGION;

  @Parameter String version;

  private OSS oss;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void createdBucketReportsItsAclStorageClassOwnerAndLocation() {
    String bucket = Buckets.unique("info");
    long before = System.currentTimeMillis();
    oss.createBucket(
        new CreateBucketRequest(bucket)
            .withCannedACL(CannedAccessControlList.PublicRead)
            .withStorageType(StorageClass.IA));

    BucketInfo info = oss.getBucketInfo(bucket);
    Bucket b = info.getBucket();
    assertThat(b.getName()).isEqualTo(bucket);
    assertThat(b.getStorageClass()).isEqualTo(StorageClass.IA);
    assertThat(b.getLocation()).isEqualTo(LOCATION);
    assertThat(b.getOwner().getId()).matches(OWNER_ID);
    assertThat(b.getCreationDate().getTime()).isCloseTo(before, within(5_000L));
    assertThat(info.getCannedACL()).isEqualTo(CannedAccessControlList.PublicRead);
    assertThat(info.getDataRedundancyType()).isEqualTo(DataRedundancyType.LRS);
    assertThat(info.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    // The endpoints reported are the address the client used to reach this server.
    String hostAndPort = URI.create(SharedServer.get().endpoint()).getAuthority();
    assertThat(b.getExtranetEndpoint()).isEqualTo(hostAndPort);
    assertThat(b.getIntranetEndpoint()).isEqualTo(hostAndPort);

    assertThat(oss.getBucketLocation(bucket)).isEqualTo(LOCATION);
    assertThat(oss.getBucketAcl(bucket).getCannedACL())
        .isEqualTo(CannedAccessControlList.PublicRead);
  }

  @Test
  void defaultsArePrivateAndStandard() {
    String bucket = Buckets.unique("defaults");
    oss.createBucket(bucket);

    BucketInfo info = oss.getBucketInfo(bucket);
    assertThat(info.getBucket().getStorageClass()).isEqualTo(StorageClass.Standard);
    assertThat(info.getCannedACL()).isEqualTo(CannedAccessControlList.Private);
    assertThat(oss.getBucketAcl(bucket).getOwner().getId()).matches(OWNER_ID);
  }

  @Test
  void doesBucketExistTellsPresentFromAbsent() {
    String bucket = Buckets.unique("exists");
    assertThat(oss.doesBucketExist(bucket)).isFalse();
    oss.createBucket(bucket);
    assertThat(oss.doesBucketExist(bucket)).isTrue();
  }

  @Test
  void bucketAclRoundTrips() {
    String bucket = Buckets.unique("acl");
    oss.createBucket(bucket);
    for (CannedAccessControlList acl :
        List.of(
            CannedAccessControlList.PublicReadWrite,
            CannedAccessControlList.PublicRead,
            CannedAccessControlList.Private)) {
      oss.setBucketAcl(bucket, acl);
      assertThat(oss.getBucketAcl(bucket).getCannedACL()).isEqualTo(acl);
      assertThat(oss.getBucketInfo(bucket).getCannedACL()).isEqualTo(acl);
    }
  }

  @Test
  void listBucketsPagesByPrefixMarkerAndMaxKeys() {
    String prefix = Buckets.unique("lb");
    List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
    names.forEach(oss::createBucket);

    BucketList first = oss.listBuckets(new ListBucketsRequest(prefix, null, 2));
    assertThat(first.getBucketList())
        .extracting(Bucket::getName)
        .containsExactly(names.get(0), names.get(1));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.getNextMarker()).isEqualTo(names.get(1));
    assertThat(first.getPrefix()).isEqualTo(prefix);
    assertThat(first.getMaxKeys()).isEqualTo(2);

    BucketList second = oss.listBuckets(new ListBucketsRequest(prefix, first.getNextMarker(), 2));
    assertThat(second.getBucketList()).extracting(Bucket::getName).containsExactly(names.get(2));
    assertThat(second.isTruncated()).isFalse();
    assertThat(second.getMarker()).isEqualTo(names.get(1));

    Bucket listed = second.getBucketList().get(0);
    assertThat(listed.getLocation()).isEqualTo(LOCATION);
    assertThat(listed.getStorageClass()).isEqualTo(StorageClass.Standard);
    assertThat(listed.getCreationDate()).isNotNull();
    assertThat(listed.getOwner().getId()).matches(OWNER_ID);
  }

  @Test
  void listBucketsWithoutParametersIncludesEveryBucket() {
    String bucket = Buckets.unique("all");
    oss.createBucket(bucket);
    assertThat(oss.listBuckets()).extracting(Bucket::getName).contains(bucket);
  }

  @Test
  void deleteBucketRemovesIt() {
    String bucket = Buckets.unique("delete");
    oss.createBucket(bucket);
    oss.deleteBucket(bucket);
    assertThat(oss.doesBucketExist(bucket)).isFalse();
    OssErrors.expect(
        "NoSuchBucket", "The specified bucket does not exist.", () -> oss.deleteBucket(bucket));
  }

  @Test
  void creatingAnOwnedBucketAgainAnswers200AndAppliesTheAcl() {
    String bucket = Buckets.unique("twice");
    oss.createBucket(bucket);
    oss.putObject(bucket, "kept", new ByteArrayInputStream(new byte[] {1}));
    CreateBucketRequest again = new CreateBucketRequest(bucket);
    again.setCannedACL(CannedAccessControlList.PublicRead);
    oss.createBucket(again);
    assertThat(oss.getBucketAcl(bucket).getCannedACL())
        .isEqualTo(CannedAccessControlList.PublicRead);
    assertThat(oss.doesObjectExist(bucket, "kept")).isTrue();
  }

  @Test
  void anotherLocationConstraintIsInvalidLocationConstraint() {
    String bucket = Buckets.unique("elsewhere");
    CreateBucketRequest there = new CreateBucketRequest(bucket);
    there.setLocationConstraint("oss-us-west-1");
    OssErrors.expect("InvalidLocationConstraint", () -> oss.createBucket(there));
    assertThat(oss.doesBucketExist(bucket)).isFalse();
    CreateBucketRequest here = new CreateBucketRequest(bucket);
    here.setLocationConstraint(LOCATION);
    oss.createBucket(here);
    assertThat(oss.getBucketLocation(bucket)).isEqualTo(LOCATION);
  }

  @Test
  void deletingANonEmptyBucketFails() {
    String bucket = Buckets.unique("notempty");
    oss.createBucket(bucket);
    oss.putObject(bucket, "k", new ByteArrayInputStream(new byte[] {1}));
    OSSException e =
        OssErrors.expect(
            "BucketNotEmpty",
            "The bucket has objects. Please delete them first.",
            () -> oss.deleteBucket(bucket));
    assertThat(e.getEC()).isEqualTo("0015-00000301");
    oss.deleteObject(bucket, "k");
    oss.deleteBucket(bucket);
    assertThat(oss.doesBucketExist(bucket)).isFalse();
  }

  @Test
  void operationsOnAnAbsentBucketReportNoSuchBucket() {
    String bucket = Buckets.unique("absent");
    String message = "The specified bucket does not exist.";
    OSSException info = OssErrors.expect("NoSuchBucket", message, () -> oss.getBucketInfo(bucket));
    assertThat(info.getRawResponseError()).contains("<BucketName>" + bucket + "</BucketName>");
    // Every response has its own request id.
    OSSException again = OssErrors.expect("NoSuchBucket", message, () -> oss.getBucketInfo(bucket));
    assertThat(again.getRequestId()).isNotEqualTo(info.getRequestId());
    OssErrors.expect("NoSuchBucket", message, () -> oss.getBucketLocation(bucket));
    OssErrors.expect("NoSuchBucket", message, () -> oss.getBucketAcl(bucket));
    OssErrors.expect(
        "NoSuchBucket", message, () -> oss.setBucketAcl(bucket, CannedAccessControlList.Private));
    OssErrors.expect(
        "NoSuchBucket",
        message,
        () -> oss.putObject(bucket, "k", new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void invalidBucketNamesAreRejected() throws Exception {
    // The SDK refuses invalid names itself, before sending anything ...
    assertThatIllegalArgumentException().isThrownBy(() -> oss.createBucket("Upper-case"));
    assertThatIllegalArgumentException().isThrownBy(() -> oss.createBucket("ab"));
    // ... so the server's answer is reached through the SDK's URL-based call, which sends the URL
    // as given (unsigned:
    // naming is checked before authentication).
    OSS anonymous = Clients.anonymous(version);
    try {
      for (String name : List.of("Upper-case", "ab", "under_score", "-dash-first")) {
        URL url = URI.create(SharedServer.get().endpoint() + "/" + name + "/").toURL();
        OssErrors.expect(
            "InvalidBucketName",
            "The specified bucket is not valid.",
            () ->
                anonymous.putObject(
                    url, new ByteArrayInputStream(new byte[0]), 0, new HashMap<>()));
      }
    } finally {
      anonymous.shutdown();
    }
  }
}
