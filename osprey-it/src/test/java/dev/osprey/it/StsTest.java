package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import dev.osprey.cli.AdminClient;
import dev.osprey.cli.OspreyCli;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * STS temporary credentials issued by the admin API, used through the official SDK with a security
 * token (spec §5.5) under signature V1 and V4: the user's policies apply, a session policy narrows
 * them, and expired, altered or mismatched tokens are refused.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class StsTest {
  private static final String AK = "LTAIstsTestRootKey000";
  private static final String SK = "stsTestRootSecret0123456789abcd";
  private static final String ACL_DENIED = BucketPolicyTest.ACL_DENIED;
  private static IamFixture iam;
  private static OspreyServer server;
  private static AdminClient admin;

  @Parameter String version;

  private OSS root;
  private String bucket;

  /** Temporary credentials as the admin API returned them. */
  private record Sts(String id, String secret, String token, String expiration) {}

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
    bucket = Buckets.unique("sts");
    root.createBucket(bucket);
    root.putObject(bucket, "app/a.txt", Payloads.stream("a"));
    root.putObject(bucket, "other/b.txt", Payloads.stream("b"));
  }

  @AfterEach
  void close() {
    root.shutdown();
  }

  private String user(String purpose, String policy) throws Exception {
    String name = purpose + "-" + bucket;
    AdminClient.Response created = admin.call("POST", "users/" + name, null);
    assertThat(created.status()).as(created.json()).isEqualTo(200);
    AdminClient.Response p = admin.call("PUT", "users/" + name + "/policies/p", policy);
    assertThat(p.status()).as(p.json()).isEqualTo(200);
    return name;
  }

  private static Sts assume(String user, String path, String sessionPolicy) throws Exception {
    IamFixture.Sts s = iam.assume(user, path, sessionPolicy);
    return new Sts(s.accessKeyId(), s.secret(), s.token(), s.expiration());
  }

  private OSS client(String id, String secret, String token) {
    return Clients.sdk(
        server.endpoint(), version, new DefaultCredentialProvider(id, secret, token));
  }

  private OSS client(Sts c) {
    return client(c.id(), c.secret(), c.token());
  }

  private static String read(OSS oss, String bucket, String key) throws IOException {
    try (var o = oss.getObject(bucket, key)) {
      return new String(o.getObjectContent().readAllBytes());
    }
  }

  @Test
  void temporaryCredentialsActWithTheUsersPolicies() throws Exception {
    String u = user("rw", IamFixture.policy("Allow", "oss:*", "acs:oss:*:*:" + bucket + "/app/*"));
    Sts c = assume(u, "", null);
    assertThat(c.id()).startsWith("STS.");
    Instant expiration = Instant.parse(c.expiration());
    assertThat(expiration)
        .isBetween(Instant.now().plusSeconds(3590), Instant.now().plusSeconds(3610));

    OSS oss = client(c);
    try {
      oss.putObject(bucket, "app/new.txt", Payloads.stream("n"));
      assertThat(read(oss, bucket, "app/new.txt")).isEqualTo("n");
      assertThat(read(root, bucket, "app/new.txt")).isEqualTo("n");
      OssErrors.expect("AccessDenied", ACL_DENIED, () -> oss.getObject(bucket, "other/b.txt"));
      OssErrors.expect(
          "AccessDenied", () -> oss.putObject(bucket, "other/x", Payloads.stream("x")));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void aSessionPolicyNarrowsTheUsersRights() throws Exception {
    String u = user("narrow", IamFixture.policy("Allow", "oss:*", "*"));
    Sts c =
        assume(
            u,
            "/600",
            IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + bucket + "/app/*"));
    OSS oss = client(c);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      OssErrors.expect("AccessDenied", () -> oss.getObject(bucket, "other/b.txt"));
      OssErrors.expect("AccessDenied", () -> oss.putObject(bucket, "app/x", Payloads.stream("x")));
      OssErrors.expect("AccessDenied", () -> oss.deleteObject(bucket, "app/a.txt"));
    } finally {
      oss.shutdown();
    }
    assertThat(root.doesObjectExist(bucket, "app/a.txt")).isTrue();
  }

  @Test
  void expiredCredentialsAreRefused() throws Exception {
    String u = user("expiring", IamFixture.policy("Allow", "oss:GetObject", "*"));
    Sts c = assume(u, "/1", null);
    Instant expiration = Instant.parse(c.expiration());
    OSS oss = client(c);
    try {
      // Expirations are whole seconds rounded up, so the session lasts between 1 and 2 seconds;
      // the server's clock decides, hence polling (with a deadline) rather than one long sleep.
      Instant deadline = expiration.plusSeconds(5);
      OSSException refused = null;
      while (refused == null) {
        try {
          read(oss, bucket, "app/a.txt");
          assertThat(Instant.now()).as("still accepted long after expiry").isBefore(deadline);
          Thread.sleep(50);
        } catch (OSSException e) {
          refused = e;
        }
      }
      assertThat(refused.getErrorCode()).isEqualTo("SecurityTokenExpired");
      assertThat(refused.getErrorMessage())
          .isEqualTo("The security token you provided has expired.");
      assertThat(Instant.now()).isAfterOrEqualTo(expiration.minusMillis(500));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void alteredTokensAndMismatchedKeysAreRefused() throws Exception {
    String u = user("forger", IamFixture.policy("Allow", "oss:*", "*"));
    Sts a = assume(u, "", null);
    Sts b = assume(u, "", null);
    String t = a.token();
    int mid = t.length() / 2;
    String altered =
        t.substring(0, mid) + (t.charAt(mid) == 'A' ? 'B' : 'A') + t.substring(mid + 1);

    expectRefused(client(a.id(), a.secret(), altered), "InvalidSecurityToken");
    // b's token with a's key (and a's secret, which signs correctly for a's id)
    expectRefused(client(a.id(), a.secret(), b.token()), "InvalidSecurityToken");
    // an STS key without any token
    expectRefused(client(a.id(), a.secret(), null), "InvalidSecurityToken");
    // a's id and token, signed with b's secret
    expectRefused(client(a.id(), b.secret(), a.token()), "SignatureDoesNotMatch");
    // a long-term (root) key with a token
    expectRefused(client(AK, SK, a.token()), "InvalidSecurityToken");

    OSS ok = client(a);
    try {
      assertThat(read(ok, bucket, "app/a.txt")).isEqualTo("a");
    } finally {
      ok.shutdown();
    }
  }

  @Test
  void deletingTheUserEndsItsSessions() throws Exception {
    String u = user("gone", IamFixture.policy("Allow", "oss:*", "*"));
    Sts c = assume(u, "", null);
    OSS oss = client(c);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      assertThat(admin.call("DELETE", "users/" + u, null).status()).isEqualTo(200);
      OssErrors.expect("InvalidSecurityToken", () -> oss.getObject(bucket, "app/a.txt"));
      // a user created again under the same name is another user, with another user id
      user("gone", IamFixture.policy("Allow", "oss:*", "*"));
      OssErrors.expect("InvalidSecurityToken", () -> oss.getObject(bucket, "app/a.txt"));
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void presignedUrlsCarryTheToken() throws Exception {
    String u =
        user(
            "presign",
            IamFixture.policy("Allow", "oss:GetObject", "acs:oss:*:*:" + bucket + "/app/*"));
    Sts c = assume(u, "", null);
    OSS oss = client(c);
    try {
      Date expires = new Date(System.currentTimeMillis() + 600_000);
      URL good = oss.generatePresignedUrl(bucket, "app/a.txt", expires);
      assertThat(good.getQuery())
          .contains(version.equals("V4") ? "x-oss-security-token=" : "security-token=");
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(good.toURI()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("a");

      URL denied = oss.generatePresignedUrl(bucket, "other/b.txt", expires);
      assertThat(get(http, denied.toURI()).statusCode()).isEqualTo(403);

      String tampered = good.toString().replace("security-token=", "security-token=X");
      HttpResponse<String> t = get(http, URI.create(tampered));
      assertThat(t.statusCode()).isEqualTo(403);
      assertThat(t.body()).contains("<Code>InvalidSecurityToken</Code>");
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void cliAssumePrintsCredentialsReadyToExport() throws Exception {
    String u = user("cli", IamFixture.policy("Allow", "oss:*", "*"));
    Path sessionPolicy = Files.createTempFile("session", ".json");
    Files.writeString(sessionPolicy, IamFixture.policy("Allow", "oss:GetObject", "*"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new OspreyCli())
              .execute(
                  "admin",
                  "sts",
                  "assume",
                  u,
                  "--duration",
                  "15m",
                  "--policy",
                  sessionPolicy.toString(),
                  "--admin-endpoint",
                  server.adminEndpoint(),
                  "--access-key-id",
                  AK,
                  "--access-key-secret",
                  SK);
    } finally {
      System.setOut(saved);
      Files.delete(sessionPolicy);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    Sts c =
        new Sts(
            exported(printed, "OSS_ACCESS_KEY_ID"),
            exported(printed, "OSS_ACCESS_KEY_SECRET"),
            exported(printed, "OSS_SESSION_TOKEN"),
            line(printed, "Expiration"));
    assertThat(printed).contains("AccessKeyId:     " + c.id());
    assertThat(Instant.parse(c.expiration()))
        .isBetween(Instant.now().plusSeconds(890), Instant.now().plusSeconds(910));

    OSS oss = client(c);
    try {
      assertThat(read(oss, bucket, "app/a.txt")).isEqualTo("a");
      OssErrors.expect("AccessDenied", () -> oss.putObject(bucket, "app/x", Payloads.stream("x")));
    } finally {
      oss.shutdown();
    }

    // The client commands take the same credentials, token included.
    ByteArrayOutputStream catOut = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(catOut, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new OspreyCli())
              .execute(
                  "cat",
                  "oss://" + bucket + "/app/a.txt",
                  "--endpoint",
                  server.endpoint(),
                  "--access-key-id",
                  c.id(),
                  "--access-key-secret",
                  c.secret(),
                  "--security-token",
                  c.token());
    } finally {
      System.setOut(saved);
    }
    assertThat(exit).isZero();
    assertThat(catOut.toString(StandardCharsets.UTF_8)).isEqualTo("a");
  }

  private static String exported(String printed, String name) {
    Matcher m = Pattern.compile("(?m)^export " + name + "=(\\S+)$").matcher(printed);
    assertThat(m.find()).as(name + " in " + printed).isTrue();
    return m.group(1);
  }

  private static String line(String printed, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + ": +(\\S+)$").matcher(printed);
    assertThat(m.find()).as(label + " in " + printed).isTrue();
    return m.group(1);
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void expectRefused(OSS oss, String code) {
    try {
      OssErrors.expect(code, () -> oss.getObject(bucket, "app/a.txt"));
    } finally {
      oss.shutdown();
    }
  }
}
