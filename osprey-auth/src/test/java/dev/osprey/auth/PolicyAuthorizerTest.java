package dev.osprey.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.protocol.op.ServiceOperation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The layers of spec §6: identity and session policies, bucket policy, then ACLs. */
class PolicyAuthorizerTest {
  private static final String B = "logs";
  private static final String OK = null;
  private static final String POLICY = Authorizer.POLICY_DENIED;
  private static final String ACL = Authorizer.ACL_DENIED;
  private static final String ANON_DENIED = Authorizer.ANONYMOUS_DENIED;

  private final Authorizer authorizer = new Authorizer();

  private record Ctx(CannedAcl bucketAcl, String bucketPolicyJson, String ip, Headers headers)
      implements AccessContext {
    Ctx(CannedAcl bucketAcl, String bucketPolicyJson, String ip) {
      this(bucketAcl, bucketPolicyJson, ip, Headers.of("user-agent", "test"));
    }

    @Override
    public CannedAcl objectAcl() {
      return CannedAcl.DEFAULT;
    }

    @Override
    public boolean hasResponseOverrides() {
      return false;
    }

    @Override
    public Optional<PolicyDocument> bucketPolicy() {
      return Optional.ofNullable(bucketPolicyJson)
          .map(j -> PolicyDocument.parse(j, PolicyDocument.Kind.BUCKET_POLICY));
    }

    @Override
    public RequestEnvironment environment() {
      return new RequestEnvironment(
          "cn-hangzhou", "1000", headers, ip, Instant.parse("2026-01-01T00:00:00Z"), false);
    }
  }

  private static PolicyDocument identity(String statements) {
    return PolicyDocument.parse(
        "{\"Version\":\"1\",\"Statement\":[" + statements + "]}",
        PolicyDocument.Kind.IDENTITY_POLICY);
  }

  private static String allow(String action, String resource) {
    return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
  }

  private static String deny(String action, String resource) {
    return allow(action, resource).replace("Allow", "Deny");
  }

  private static String bucketPolicy(String effect, String principal, String action, String res) {
    return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\""
        + effect
        + "\",\"Principal\":[\""
        + principal
        + "\"],\"Action\":[\""
        + action
        + "\"],\"Resource\":[\""
        + res
        + "\"]}]}";
  }

  private static Principal.RamUser user(PolicyDocument... policies) {
    return new Principal.RamUser("bob", "2001", "LTAIbob", List.of(policies), null);
  }

  private static OssOperation get(String key) {
    return new ObjectOperation.GetObject(B, key, ResponseOverrides.NONE);
  }

  private static OssOperation put(String key) {
    return new ObjectOperation.PutObject(B, key);
  }

  static Stream<Arguments> table() {
    PolicyDocument readOnly = identity(allow("oss:Get*", "acs:oss:*:*:logs/*"));
    PolicyDocument prefix = identity(allow("oss:*", "acs:oss:*:*:logs/app/*"));
    PolicyDocument all = identity(allow("oss:*", "*"));
    PolicyDocument denyPrivate =
        identity(allow("oss:*", "*") + "," + deny("oss:*", "acs:oss:*:*:logs/private/*"));
    PolicyDocument lists = identity(allow("oss:ListObjects", "acs:oss:*:*:logs"));
    PolicyDocument fromLoopback =
        identity(
            "{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.1/32\"}}}");
    Ctx priv = new Ctx(CannedAcl.PRIVATE, null, "127.0.0.1");
    Ctx remote = new Ctx(CannedAcl.PRIVATE, null, "10.1.2.3");
    Ctx publicRead = new Ctx(CannedAcl.PUBLIC_READ, null, "127.0.0.1");
    Ctx anonReadsPub =
        new Ctx(
            CannedAcl.PRIVATE,
            bucketPolicy("Allow", "*", "oss:GetObject", "acs:oss:*:*:logs/pub/*"),
            null);
    Ctx bobWrites =
        new Ctx(
            CannedAcl.PRIVATE,
            bucketPolicy("Allow", "2001", "oss:PutObject", "acs:oss:*:*:logs/*"),
            null);
    Ctx bucketDeniesBob =
        new Ctx(
            CannedAcl.PUBLIC_READ,
            bucketPolicy("Deny", "2001", "oss:GetObject", "acs:oss:*:*:logs/*"),
            null);
    Principal anon = new Principal.Anonymous();
    return Stream.of(
        Arguments.of("read-only user reads", user(readOnly), get("a"), priv, OK),
        Arguments.of("read-only user cannot write", user(readOnly), put("a"), priv, ACL),
        Arguments.of("no policy, private bucket", user(), get("a"), priv, ACL),
        Arguments.of("no policy, public-read bucket", user(), get("a"), publicRead, OK),
        Arguments.of("prefix user inside", user(prefix), put("app/x"), priv, OK),
        Arguments.of("prefix user outside", user(prefix), put("other/x"), priv, ACL),
        Arguments.of(
            "bucket ARN needs its own grant",
            user(readOnly),
            new BucketOperation.ListObjects(B, null, null, null, 100, false),
            priv,
            ACL),
        Arguments.of(
            "list grant on the bucket ARN",
            user(lists),
            new BucketOperation.ListObjects(B, "x/", null, null, 100, false),
            priv,
            OK),
        Arguments.of(
            "explicit deny beats allow", user(denyPrivate), get("private/k"), priv, POLICY),
        Arguments.of("deny elsewhere does not apply", user(denyPrivate), get("public/k"), priv, OK),
        Arguments.of(
            "deny in one document beats allow in another",
            user(all, identity(deny("oss:PutObject", "*"))),
            put("k"),
            priv,
            POLICY),
        Arguments.of("IP condition met", user(fromLoopback), put("k"), priv, OK),
        Arguments.of("IP condition not met", user(fromLoopback), put("k"), remote, ACL),
        Arguments.of(
            "ListBuckets by policy",
            user(all),
            new ServiceOperation.ListBuckets(null, null, 100),
            priv,
            OK),
        Arguments.of(
            "ListBuckets without",
            user(readOnly),
            new ServiceOperation.ListBuckets(null, null, 100),
            priv,
            ACL),
        Arguments.of(
            "bucket policy lets anonymous read a prefix", anon, get("pub/a"), anonReadsPub, OK),
        Arguments.of("... and only that prefix", anon, get("priv/a"), anonReadsPub, ACL),
        Arguments.of("... and not write", anon, put("pub/a"), anonReadsPub, ACL),
        Arguments.of("bucket policy grants a user write", user(), put("k"), bobWrites, OK),
        Arguments.of("... not to anonymous", anon, put("k"), bobWrites, ACL),
        Arguments.of(
            "bucket policy does not open bucket settings to anonymous",
            anon,
            new BucketOperation.GetBucketAcl(B),
            anonReadsPub,
            ANON_DENIED),
        Arguments.of(
            "bucket policy deny beats identity allow and ACL",
            user(all),
            get("k"),
            bucketDeniesBob,
            POLICY),
        Arguments.of(
            "tagging header needs PutObjectTagging too",
            user(identity(allow("oss:PutObject", "*"))),
            put("k"),
            new Ctx(CannedAcl.PRIVATE, null, null, Headers.of("x-oss-tagging", "a=b")),
            ACL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, Principal who, OssOperation op, AccessContext ctx, String denial) {
    if (denial == null) {
      assertThatCode(() -> authorizer.authorize(who, op, ctx)).doesNotThrowAnyException();
      return;
    }
    OssException e =
        catchThrowableOfType(OssException.class, () -> authorizer.authorize(who, op, ctx));
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).isEqualTo(denial);
  }

  @Test
  void sessionPolicyNarrowsButNeverWidens() {
    PolicyDocument all = identity(allow("oss:*", "*"));
    PolicyDocument readOnly = identity(allow("oss:GetObject", "*"));
    Ctx priv = new Ctx(CannedAcl.PRIVATE, null, null);
    Principal.RamUser session =
        user(all).withSession("STS.x", new Principal.StsSession(Instant.MAX, readOnly));
    assertThatCode(() -> authorizer.authorize(session, get("k"), priv)).doesNotThrowAnyException();
    assertThat(
            catchThrowableOfType(
                OssException.class, () -> authorizer.authorize(session, put("k"), priv)))
        .hasMessage(ACL);
    Principal.RamUser narrowUser =
        user(readOnly).withSession("STS.y", new Principal.StsSession(Instant.MAX, all));
    assertThat(
            catchThrowableOfType(
                OssException.class, () -> authorizer.authorize(narrowUser, put("k"), priv)))
        .hasMessage(ACL);
  }
}
