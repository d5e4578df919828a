package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.cli.AdminClient;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.postgres.PostgresProcess;
import dev.osprey.storage.postgres.PostgresSettings;
import dev.osprey.storage.s3.S3DataStore;
import dev.osprey.storage.s3.S3MockServer;
import dev.osprey.storage.s3.S3Settings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes over one PostgreSQL and one S3 server: what node A changes, node B enforces and shows
 * without a restart (its caches are told over LISTEN/NOTIFY): a RAM user's policy and the deletion
 * of its key (node B had both cached from an earlier request), a bucket's ACL, and an append on A
 * wakes a live tail read waiting on B.
 */
class MultiNodeCacheTest {
  private static final String AK = "LTAIospreyCacheNodes";
  private static final String SK = "ospreyCacheNodesSecret0123456789";
  private static final String BUCKET = "cache-nodes";

  @TempDir Path dirs;

  private static OspreyServer node(Path dir, PostgresSettings pg, S3Settings s3) throws Exception {
    return OspreyServer.builder()
        .port(0)
        .dataDir(dir)
        .rootCredentials(AK, SK)
        .adminAddress("127.0.0.1", 0)
        .metadata(pg)
        .externalData(new OspreyServer.ExternalData(s3.describe(), () -> S3DataStore.open(s3)))
        .build()
        .start();
  }

  /**
   * Gives node {@code to} the server key of node {@code from}: RAM secrets are sealed with it, so
   * every node of a deployment needs the same one (docs/deployment.md).
   */
  private static Path sameServerKey(Path from, Path to) throws java.io.IOException {
    java.nio.file.Files.createDirectories(to);
    java.nio.file.Files.copy(
        from.resolve(dev.osprey.server.iam.ServerKey.FILE_NAME),
        to.resolve(dev.osprey.server.iam.ServerKey.FILE_NAME),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    return to;
  }

  /** The error code of {@code read}, or "none" when it succeeds. */
  private static String outcome(Supplier<byte[]> read) {
    try {
      read.get();
      return "none";
    } catch (OSSException e) {
      return e.getErrorCode();
    }
  }

  /** Waits (up to 10 s) for {@code read} to end with {@code code}; returns what it ended with. */
  private static String eventually(String code, Supplier<byte[]> read) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String seen = outcome(read);
    while (!seen.equals(code) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      seen = outcome(read);
    }
    return seen;
  }

  private static byte[] read(OSS oss, String key) {
    try (OSSObject o = oss.getObject(BUCKET, key);
        InputStream in = o.getObjectContent()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * STS tokens are sealed with the server key and carry their claims, so any node with the
   * deployment's key accepts those another node issued, with the session policy and the user's
   * current state applied there; a node with another key cannot open them.
   */
  @Test
  void temporaryCredentialsIssuedOnOneNodeActOnAnother() throws Exception {
    PostgresProcess pg = PostgresProcess.shared();
    PostgresSettings settings = pg.settings(pg.newSchema());
    S3Settings s3 = S3MockServer.shared().settings("sts-" + UUID.randomUUID() + "/");
    try (OspreyServer a = node(dirs.resolve("a"), settings, s3);
        OspreyServer b = node(sameServerKey(dirs.resolve("a"), dirs.resolve("b")), settings, s3);
        OspreyServer c = node(dirs.resolve("c"), settings, s3)) {
      OSS rootA = Clients.sdk(a.endpoint(), "V4", AK, SK);
      AdminClient adminA = new AdminClient(a.adminEndpoint(), AK, SK);
      try {
        rootA.createBucket(BUCKET);
        rootA.putObject(BUCKET, "app/a.txt", Payloads.stream("from a"));
        assertThat(adminA.call("POST", "users/temp", null).status()).isEqualTo(200);
        String userPolicy = IamFixture.policy("Allow", "oss:*", "acs:oss:*:*:" + BUCKET + "/app/*");
        assertThat(adminA.call("PUT", "users/temp/policies/p0", userPolicy).status())
            .isEqualTo(200);
        String session =
            IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + BUCKET + "/app/*");
        AdminClient.Response issued = adminA.call("POST", "users/temp/sts/600", session);
        assertThat(issued.status()).as(issued.json()).isEqualTo(200);
        var credentials =
            new com.aliyun.oss.common.auth.DefaultCredentialProvider(
                IamFixture.field(issued.json(), "AccessKeyId"),
                IamFixture.field(issued.json(), "AccessKeySecret"),
                IamFixture.field(issued.json(), "SecurityToken"));
        OSS tempB = Clients.sdk(b.endpoint(), "V4", credentials);
        OSS tempC = Clients.sdk(c.endpoint(), "V4", credentials);
        try {
          assertThat(read(tempB, "app/a.txt")).asString(StandardCharsets.UTF_8).isEqualTo("from a");
          assertThat(
                  outcome(
                      () -> {
                        tempB.putObject(BUCKET, "app/b.txt", Payloads.stream("x"));
                        return new byte[0];
                      }))
              .as("the session policy, applied on B")
              .isEqualTo("AccessDenied");
          assertThat(outcome(() -> read(tempC, "app/a.txt")))
              .as("a node with another server key")
              .isEqualTo("InvalidSecurityToken");
          // The user deleted on A: its sessions end on B too.
          assertThat(adminA.call("DELETE", "users/temp", null).status()).isEqualTo(200);
          assertThat(eventually("InvalidSecurityToken", () -> read(tempB, "app/a.txt")))
              .as("B after A deleted the user")
              .isEqualTo("InvalidSecurityToken");
        } finally {
          tempB.shutdown();
          tempC.shutdown();
        }
        assertThat(rootA.doesObjectExist(BUCKET, "app/b.txt")).isFalse();
      } finally {
        rootA.shutdown();
      }
    }
  }

  @Test
  void whatOneNodeChangesTheOtherEnforces() throws Exception {
    PostgresProcess pg = PostgresProcess.shared();
    PostgresSettings settings = pg.settings(pg.newSchema());
    S3Settings s3 = S3MockServer.shared().settings("cache-" + UUID.randomUUID() + "/");
    try (OspreyServer a = node(dirs.resolve("a"), settings, s3);
        OspreyServer b = node(sameServerKey(dirs.resolve("a"), dirs.resolve("b")), settings, s3)) {
      OSS rootA = Clients.sdk(a.endpoint(), "V4", AK, SK);
      OSS rootB = Clients.sdk(b.endpoint(), "V4", AK, SK);
      OSS anonB = Clients.sdk(b.endpoint(), "V1", new Anonymous());
      AdminClient adminA = new AdminClient(a.adminEndpoint(), AK, SK);
      try {
        rootA.createBucket(BUCKET);
        rootA.putObject(BUCKET, "o.txt", Payloads.stream("shared bytes"));

        // RAM: node B caches the user's key and policies on first use...
        AdminClient.Response user = adminA.call("POST", "users/reader", null);
        assertThat(user.status()).as(user.json()).isEqualTo(200);
        AdminClient.Response key = adminA.call("POST", "users/reader/keys", null);
        assertThat(key.status()).as(key.json()).isEqualTo(200);
        String keyId = IamFixture.field(key.json(), "AccessKeyId");
        String secret = IamFixture.field(key.json(), "AccessKeySecret");
        String allow = IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + BUCKET + "/*");
        assertThat(adminA.call("PUT", "users/reader/policies/p0", allow).status()).isEqualTo(200);
        OSS readerB = Clients.sdk(b.endpoint(), "V4", keyId, secret);
        try {
          assertThat(read(readerB, "o.txt"))
              .asString(StandardCharsets.UTF_8)
              .isEqualTo("shared bytes");
          // ...then node A changes the policy: B denies.
          String deny = IamFixture.policy("Deny", "oss:GetObject", "acs:oss:*:*:" + BUCKET + "/*");
          assertThat(adminA.call("PUT", "users/reader/policies/p1", deny).status()).isEqualTo(200);
          assertThat(eventually("AccessDenied", () -> read(readerB, "o.txt")))
              .as("B after A added a Deny")
              .isEqualTo("AccessDenied");
          assertThat(adminA.call("DELETE", "users/reader/policies/p1", null).status())
              .isEqualTo(200);
          assertThat(eventually("none", () -> read(readerB, "o.txt")))
              .as("B after A removed the Deny")
              .isEqualTo("none");
          // Node A deletes the key: B refuses it.
          assertThat(adminA.call("DELETE", "users/reader/keys/" + keyId, null).status())
              .isEqualTo(200);
          assertThat(eventually("InvalidAccessKeyId", () -> read(readerB, "o.txt")))
              .as("B after A deleted the key")
              .isEqualTo("InvalidAccessKeyId");
        } finally {
          readerB.shutdown();
        }

        // Bucket ACL set on A, enforced on B.
        assertThat(outcome(() -> read(anonB, "o.txt"))).isEqualTo("AccessDenied");
        rootA.setBucketAcl(BUCKET, CannedAccessControlList.PublicRead);
        assertThat(eventually("none", () -> read(anonB, "o.txt"))).isEqualTo("none");
        rootA.setBucketAcl(BUCKET, CannedAccessControlList.Private);
        assertThat(eventually("AccessDenied", () -> read(anonB, "o.txt")))
            .isEqualTo("AccessDenied");

        // Live tail: a read waiting on B is woken by an append committed on A.
        rootA.appendObject(
            new AppendObjectRequest(BUCKET, "t.log", Payloads.stream("line one\n"))
                .withPosition(0L));
        GetObjectRequest tail = new GetObjectRequest(BUCKET, "t.log");
        tail.setRange(9, -1);
        tail.addParameter("x-osprey-tail", "9");
        tail.addParameter("x-osprey-wait", "30");
        int before = b.tailReadsWaiting();
        CompletableFuture<OSSObject> waiting =
            CompletableFuture.supplyAsync(() -> rootB.getObject(tail));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.tailReadsWaiting() < before + 1 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(b.tailReadsWaiting()).as("a tail read waiting on B").isEqualTo(before + 1);
        assertThat(waiting).isNotDone();
        rootA.appendObject(
            new AppendObjectRequest(BUCKET, "t.log", Payloads.stream("line two\n"))
                .withPosition(9L));
        try (OSSObject o = waiting.get(10, TimeUnit.SECONDS)) {
          assertThat(String.valueOf(o.getResponse().getHeaders().get("x-osprey-tail")))
              .isEqualTo("data");
          assertThat(o.getObjectContent().readAllBytes())
              .asString(StandardCharsets.UTF_8)
              .isEqualTo("line two\n");
        }
      } finally {
        rootA.shutdown();
        rootB.shutdown();
        anonB.shutdown();
      }
    }
  }
}
