package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.cli.AdminClient;
import dev.osprey.server.OspreyServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RAM users through the admin API, then their keys through the official SDK (signature V1 and V4):
 * identity policies, explicit deny, bucket policies naming a user, conditions (spec §6).
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class RamUserTest {
  private static final String AK = "LTAIramTestRootKey000";
  private static final String SK = "ramTestRootSecret0123456789abcd";
  private static final String ACL_DENIED = BucketPolicyTest.ACL_DENIED;
  private static final String POLICY_DENIED = BucketPolicyTest.POLICY_DENIED;
  private static IamFixture iam;
  private static OspreyServer server;
  private static AdminClient admin;

  @Parameter String version;

  private OSS root;
  private String bucket;

  @BeforeAll
  static void start() throws IOException {
    iam = IamFixture.start(AK, SK);
    server = iam.server;
    admin = iam.admin;
  }

  @AfterAll
  static void stop() {
    iam.close();
  }

  @BeforeEach
  void open() {
    root = Clients.sdk(server.endpoint(), version, AK, SK);
    bucket = Buckets.unique("ram");
    root.createBucket(bucket);
    root.putObject(bucket, "app/a.txt", Payloads.stream("a"));
    root.putObject(bucket, "other/b.txt", Payloads.stream("b"));
  }

  @AfterEach
  void close() {
    root.shutdown();
  }

  /** A user with a fresh key and the given policies; returns {userId, keyId, secret}. */
  private static String[] user(String name, String... policies) throws Exception {
    IamFixture.User u = iam.user(name, policies);
    return new String[] {u.userId(), u.accessKeyId(), u.secret()};
  }

  private OSS client(String[] user) {
    return Clients.sdk(server.endpoint(), version, user[1], user[2]);
  }

  private String name(String purpose) {
    return purpose + "-" + bucket;
  }

  private static String read(OSS oss, String bucket, String key) throws IOException {
    try (var o = oss.getObject(bucket, key)) {
      return new String(o.getObjectContent().readAllBytes());
    }
  }

  @Test
  void readOnlyUserReadsButCannotWrite() throws Exception {
    String[] u =
        user(
            name("reader"), IamFixture.policy("Allow", "oss:Get*", "acs:oss:*:*:" + bucket + "/*"));
    OSS oss = client(u);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      OssErrors.expect(
          "AccessDenied", ACL_DENIED, () -> oss.putObject(bucket, "app/x", Payloads.stream("x")));
      OssErrors.expect("AccessDenied", ACL_DENIED, () -> oss.deleteObject(bucket, "app/a.txt"));
      OssErrors.expect("AccessDenied", ACL_DENIED, () -> oss.listObjects(bucket));
    } finally {
      oss.shutdown();
    }
  }

  /** Spec §6: reads, copies and deletes of a named version need the ...Version actions. */
  @Test
  void versionsNeedTheVersionActions() throws Exception {
    root.setBucketVersioning(
        new com.aliyun.oss.model.SetBucketVersioningRequest(
            bucket, new com.aliyun.oss.model.BucketVersioningConfiguration("Enabled")));
    String v = root.putObject(bucket, "app/v.txt", Payloads.stream("v")).getVersionId();
    String[] u =
        user(
            name("current"),
            IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + bucket + "/*"),
            IamFixture.policy("Allow", "oss:PutObject", "acs:oss:*:*:" + bucket + "/*"),
            IamFixture.policy("Allow", "oss:DeleteObject", "acs:oss:*:*:" + bucket + "/*"));
    OSS oss = client(u);
    try {
      assertThat(read(oss, bucket, "app/v.txt")).isEqualTo("v");
      OssErrors.expect(
          "AccessDenied",
          () -> oss.getObject(new com.aliyun.oss.model.GetObjectRequest(bucket, "app/v.txt", v)));
      com.aliyun.oss.model.CopyObjectRequest copy =
          new com.aliyun.oss.model.CopyObjectRequest(bucket, "app/v.txt", bucket, "app/copy");
      copy.setSourceVersionId(v);
      OssErrors.expect("AccessDenied", () -> oss.copyObject(copy));
      OssErrors.expect("AccessDenied", () -> oss.deleteVersion(bucket, "app/v.txt", v));
    } finally {
      oss.shutdown();
    }
    String[] versions =
        user(
            name("versions"),
            IamFixture.policy("Allow", "oss:GetObjectVersion", "acs:oss:*:*:" + bucket + "/*"));
    OSS reader = client(versions);
    try {
      try (var o =
          reader.getObject(new com.aliyun.oss.model.GetObjectRequest(bucket, "app/v.txt", v))) {
        assertThat(new String(o.getObjectContent().readAllBytes())).isEqualTo("v");
      }
    } finally {
      reader.shutdown();
    }
  }

  @Test
  void prefixRestrictedUserStaysInItsPrefix() throws Exception {
    String[] u =
        user(
            name("prefix"),
            IamFixture.policy("Allow", "oss:*", "acs:oss:*:*:" + bucket + "/app/*"));
    OSS oss = client(u);
    try {
      oss.putObject(bucket, "app/new.txt", Payloads.stream("n"));
      assertThat(read(oss, bucket, "app/new.txt")).isEqualTo("n");
      OssErrors.expect("AccessDenied", () -> oss.getObject(bucket, "other/b.txt"));
      OssErrors.expect(
          "AccessDenied", () -> oss.putObject(bucket, "other/x", Payloads.stream("x")));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void copyingNeedsReadAccessToTheSourceToo() throws Exception {
    // May write anywhere under app/, may read nothing under other/.
    String[] u =
        user(
            name("copier"),
            IamFixture.policy("Allow", "oss:PutObject", "acs:oss:*:*:" + bucket + "/app/*"),
            IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + bucket + "/app/*"));
    OSS oss = client(u);
    try {
      OssErrors.expect(
          "AccessDenied", () -> oss.copyObject(bucket, "other/b.txt", bucket, "app/stolen.txt"));
      assertThat(root.doesObjectExist(bucket, "app/stolen.txt")).isFalse();
      String uploadId =
          oss.initiateMultipartUpload(
                  new com.aliyun.oss.model.InitiateMultipartUploadRequest(bucket, "app/parts.txt"))
              .getUploadId();
      OssErrors.expect(
          "AccessDenied",
          () ->
              oss.uploadPartCopy(
                  new com.aliyun.oss.model.UploadPartCopyRequest(
                      bucket, "other/b.txt", bucket, "app/parts.txt", uploadId, 1, 0L, 1L)));

      oss.copyObject(bucket, "app/a.txt", bucket, "app/copy.txt");
      assertThat(read(root, bucket, "app/copy.txt")).isEqualTo("a");
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void explicitDenyBeatsAllow() throws Exception {
    String[] u =
        user(
            name("denied"),
            IamFixture.policy("Allow", "oss:*", "*"),
            IamFixture.policy("Deny", "oss:GetObject", "acs:oss:*:*:" + bucket + "/other/*"));
    OSS oss = client(u);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      OssErrors.expect("AccessDenied", POLICY_DENIED, () -> oss.getObject(bucket, "other/b.txt"));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void bucketPolicyGrantsAnotherUserWrite() throws Exception {
    String[] u = user(name("writer"));
    OSS oss = client(u);
    try {
      OssErrors.expect(
          "AccessDenied", ACL_DENIED, () -> oss.putObject(bucket, "in/x", Payloads.stream("x")));
      root.setBucketPolicy(
          bucket,
          "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\""
              + u[0]
              + "\"],\"Action\":[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:"
              + bucket
              + "/in/*\"]}]}");
      oss.putObject(bucket, "in/x", Payloads.stream("x"));
      assertThat(read(root, bucket, "in/x")).isEqualTo("x");
      OssErrors.expect("AccessDenied", () -> oss.getObject(bucket, "in/x"));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void ipConditionsSeeTheLoopbackClient() throws Exception {
    String cond = ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"127.0.0.1/32\"]}}";
    String other = ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"192.0.2.0/24\"]}}";
    String[] local =
        user(
            name("local"),
            "{\"Version\":\"1\",\"Statement\":["
                + IamFixture.statement("Allow", "oss:GetObject", "*", cond)
                + "]}");
    String[] remote =
        user(
            name("remote"),
            "{\"Version\":\"1\",\"Statement\":["
                + IamFixture.statement("Allow", "oss:GetObject", "*", other)
                + "]}");
    OSS l = client(local);
    OSS r = client(remote);
    try {
      assertThat(read(l, bucket, "app/a.txt")).isEqualTo("a");
      OssErrors.expect("AccessDenied", () -> r.getObject(bucket, "app/a.txt"));
    } finally {
      l.shutdown();
      r.shutdown();
    }
  }

  @Test
  void policyChangesAndKeyDeletionApplyToTheNextRequest() throws Exception {
    String n = name("changing");
    String[] u = user(n, IamFixture.policy("Allow", "oss:GetObject", "*"));
    OSS oss = client(u);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      assertThat(admin.call("DELETE", "users/" + n + "/policies/p0", null).status()).isEqualTo(200);
      OssErrors.expect("AccessDenied", () -> oss.getObject(bucket, "app/a.txt"));
      assertThat(admin.call("DELETE", "users/" + n + "/keys/" + u[1], null).status())
          .isEqualTo(200);
      OssErrors.expect("InvalidAccessKeyId", () -> oss.getObject(bucket, "app/a.txt"));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void adminApiNeedsTheRootKey() throws Exception {
    String[] u = user(name("nosy"), IamFixture.policy("Allow", "oss:*", "*"));
    AdminClient asUser = new AdminClient(server.adminEndpoint(), u[1], u[2]);
    assertThat(asUser.call("GET", "users", null).status()).isEqualTo(403);
    AdminClient wrongSecret = new AdminClient(server.adminEndpoint(), AK, "wrong");
    assertThat(wrongSecret.call("GET", "users", null).status()).isEqualTo(403);
    AdminClient.Response list = admin.call("GET", "users", null);
    assertThat(list.json()).contains(name("nosy")).doesNotContain("Secret");
    assertThat(
            admin
                .call("PUT", "users/" + name("nosy") + "/policies/bad", "{\"Version\":1}")
                .status())
        .isEqualTo(400);
  }
}
