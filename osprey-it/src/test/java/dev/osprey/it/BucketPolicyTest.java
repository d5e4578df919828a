package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CreateBucketRequest;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** PutBucketPolicy / GetBucketPolicy / DeleteBucketPolicy and their effect (spec §6). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class BucketPolicyTest {
  static final String POLICY_DENIED = "Access denied by bucket policy.";
  static final String ACL_DENIED = "You have no right to access this object because of bucket acl.";

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

  static String policy(String effect, String principal, String action, String resource) {
    return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Principal\":[\""
        + principal
        + "\"],\"Action\":[\""
        + action
        + "\"],\"Resource\":[\""
        + resource
        + "\"]}]}";
  }

  @Test
  void policyIsStoredReturnedAsPutAndDeleted() {
    String bucket = Buckets.unique("policy");
    owner.createBucket(bucket);
    OssErrors.expect("NoSuchBucketPolicy", () -> owner.getBucketPolicy(bucket));
    String doc = policy("Allow", "*", "oss:GetObject", "acs:oss:*:*:" + bucket + "/pub/*");
    owner.setBucketPolicy(bucket, doc);
    assertThat(owner.getBucketPolicy(bucket).getPolicyText()).isEqualTo(doc);
    owner.deleteBucketPolicy(bucket);
    OssErrors.expect("NoSuchBucketPolicy", () -> owner.getBucketPolicy(bucket));
    owner.deleteBucketPolicy(bucket);
  }

  @Test
  void invalidPoliciesAreRefused() {
    String bucket = Buckets.unique("policy-bad");
    owner.createBucket(bucket);
    OssErrors.expect("InvalidPolicyDocument", () -> owner.setBucketPolicy(bucket, "{not json"));
    OssErrors.expect(
        "InvalidPolicyDocument",
        () ->
            owner.setBucketPolicy(
                bucket,
                "{\"Version\":1,\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"],"
                    + "\"Action\":[\"oss:*\"],\"Resource\":[\"*\"]}]}"));
    OssErrors.expect("NoSuchBucket", () -> owner.setBucketPolicy(Buckets.unique("absent"), "{}"));
    OssErrors.expect("NoSuchBucketPolicy", () -> owner.getBucketPolicy(bucket));
  }

  @Test
  void policyGrantsAnonymousReadOnAPrefixOnly() throws IOException {
    String bucket = Buckets.unique("policy-anon");
    owner.createBucket(bucket);
    owner.putObject(bucket, "pub/a.txt", Payloads.stream("public"));
    owner.putObject(bucket, "priv/a.txt", Payloads.stream("private"));
    owner.setBucketPolicy(
        bucket, policy("Allow", "*", "oss:GetObject", "acs:oss:*:*:" + bucket + "/pub/*"));

    try (var o = anonymous.getObject(bucket, "pub/a.txt")) {
      assertThat(new String(o.getObjectContent().readAllBytes())).isEqualTo("public");
    }
    OssErrors.expect("AccessDenied", ACL_DENIED, () -> anonymous.getObject(bucket, "priv/a.txt"));
    OssErrors.expect(
        "AccessDenied",
        ACL_DENIED,
        () -> anonymous.putObject(bucket, "pub/b.txt", Payloads.stream("x")));

    owner.deleteBucketPolicy(bucket);
    OssErrors.expect("AccessDenied", () -> anonymous.getObject(bucket, "pub/a.txt"));
  }

  @Test
  void explicitDenyBeatsAPublicAcl() throws IOException {
    String bucket = Buckets.unique("policy-deny");
    owner.createBucket(
        new CreateBucketRequest(bucket).withCannedACL(CannedAccessControlList.PublicRead));
    owner.putObject(bucket, "secret/k", Payloads.stream("s"));
    owner.putObject(bucket, "open/k", Payloads.stream("o"));
    owner.setBucketPolicy(
        bucket, policy("Deny", "*", "oss:GetObject", "acs:oss:*:*:" + bucket + "/secret/*"));

    OssErrors.expect("AccessDenied", POLICY_DENIED, () -> anonymous.getObject(bucket, "secret/k"));
    try (var o = anonymous.getObject(bucket, "open/k")) {
      assertThat(new String(o.getObjectContent().readAllBytes())).isEqualTo("o");
    }
    // the owner is not bound by the bucket policy
    try (var o = owner.getObject(bucket, "secret/k")) {
      assertThat(new String(o.getObjectContent().readAllBytes())).isEqualTo("s");
    }
  }

  @Test
  void aRecreatedBucketStartsWithoutPolicy() {
    String bucket = Buckets.unique("policy-recreate");
    owner.createBucket(bucket);
    owner.setBucketPolicy(bucket, policy("Allow", "*", "oss:GetObject", "*"));
    owner.deleteBucket(bucket);
    owner.createBucket(bucket);
    OssErrors.expect("NoSuchBucketPolicy", () -> owner.getBucketPolicy(bucket));
  }
}
