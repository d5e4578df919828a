package dev.osprey.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDocumentTest {
  private static final String OBJ = "acs:oss:cn-hangzhou:1111:logs/app/a.log";
  private static final String BUCKET = "acs:oss:cn-hangzhou:1111:logs";

  private static PolicyRequest req(String action, String resource, Map<String, String> ctx) {
    return new PolicyRequest(action, resource, List.of("2222"), ctx);
  }

  private static String doc(String statements) {
    return "{\"Version\":\"1\",\"Statement\":[" + statements + "]}";
  }

  private static String stmt(String effect, String action, String resource, String extra) {
    return "{\"Effect\":\""
        + effect
        + "\",\"Action\":"
        + action
        + ",\"Resource\":"
        + resource
        + extra
        + "}";
  }

  static Stream<Arguments> decisions() {
    Map<String, String> none = Map.of();
    Map<String, String> local =
        Map.of(
            ConditionKeys.SOURCE_IP, "127.0.0.1",
            ConditionKeys.SECURE_TRANSPORT, "false",
            ConditionKeys.CURRENT_TIME, "2026-01-01T00:00:00Z",
            ConditionKeys.USER_AGENT, "aliyun-sdk-java/3.18.5",
            ConditionKeys.PREFIX, "app/");
    String readAll = stmt("Allow", "[\"oss:Get*\",\"oss:ListObjects\"]", "[\"acs:oss:*:*:*\"]", "");
    String prefixOnly = stmt("Allow", "\"oss:*\"", "\"acs:oss:*:*:logs/app/*\"", "");
    return Stream.of(
        Arguments.of(
            "wildcard action allows", doc(readAll), "oss:GetObject", OBJ, none, Decision.ALLOW),
        Arguments.of(
            "action case-insensitive", doc(readAll), "OSS:getobject", OBJ, none, Decision.ALLOW),
        Arguments.of(
            "other action not applicable",
            doc(readAll),
            "oss:PutObject",
            OBJ,
            none,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "prefix resource matches", doc(prefixOnly), "oss:PutObject", OBJ, none, Decision.ALLOW),
        Arguments.of(
            "prefix resource misses other key",
            doc(prefixOnly),
            "oss:PutObject",
            "acs:oss:cn-hangzhou:1111:logs/other",
            none,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "object pattern does not match bucket ARN",
            doc(prefixOnly),
            "oss:ListObjects",
            BUCKET,
            none,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "deny beats allow",
            doc(
                readAll
                    + ","
                    + stmt("Deny", "\"oss:GetObject\"", "\"acs:oss:*:*:logs/app/*\"", "")),
            "oss:GetObject",
            OBJ,
            none,
            Decision.DENY),
        Arguments.of(
            "NotAction covers the rest",
            doc("{\"Effect\":\"Allow\",\"NotAction\":\"oss:Delete*\"," + "\"Resource\":\"*\"}"),
            "oss:PutObject",
            OBJ,
            none,
            Decision.ALLOW),
        Arguments.of(
            "NotAction excludes",
            doc("{\"Effect\":\"Allow\",\"NotAction\":\"oss:Delete*\"," + "\"Resource\":\"*\"}"),
            "oss:DeleteObject",
            OBJ,
            none,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "IpAddress in CIDR",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.ALLOW),
        Arguments.of(
            "IpAddress outside CIDR",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "NotIpAddress deny",
            doc(
                readAll
                    + ","
                    + stmt(
                        "Deny",
                        "\"oss:*\"",
                        "\"*\"",
                        ",\"Condition\":{\"NotIpAddress\":{\"acs:SourceIp\":\"192.168.0.0/16\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.DENY),
        Arguments.of(
            "Bool SecureTransport false",
            doc(
                stmt(
                    "Deny",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"Bool\":{\"acs:SecureTransport\":false}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.DENY),
        Arguments.of(
            "StringLike user agent",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"StringLike\":{\"acs:UserAgent\":\"aliyun-sdk-java/*\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.ALLOW),
        Arguments.of(
            "StringNotLike user agent",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"StringNotLike\":{\"acs:UserAgent\":\"curl/*\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.ALLOW),
        Arguments.of(
            "StringEquals prefix",
            doc(
                stmt(
                    "Allow",
                    "\"oss:ListObjects\"",
                    "\"*\"",
                    ",\"Condition\":{\"StringEquals\":{\"oss:Prefix\":[\"app/\"]}}")),
            "oss:ListObjects",
            BUCKET,
            local,
            Decision.ALLOW),
        Arguments.of(
            "StringEquals on absent key fails",
            doc(
                stmt(
                    "Allow",
                    "\"oss:ListObjects\"",
                    "\"*\"",
                    ",\"Condition\":{\"StringEquals\":{\"oss:Delimiter\":\"/\"}}")),
            "oss:ListObjects",
            BUCKET,
            local,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "StringNotEquals on absent key holds",
            doc(
                stmt(
                    "Allow",
                    "\"oss:ListObjects\"",
                    "\"*\"",
                    ",\"Condition\":{\"StringNotEquals\":{\"oss:Delimiter\":\"/\"}}")),
            "oss:ListObjects",
            BUCKET,
            local,
            Decision.ALLOW),
        Arguments.of(
            "DateLessThan before",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"DateLessThan\":{\"acs:CurrentTime\":\"2026-06-01T00:00:00Z\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.ALLOW),
        Arguments.of(
            "DateGreaterThan before",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"DateGreaterThan\":{\"acs:CurrentTime\":\"2026-06-01T00:00:00+08:00\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.NOT_APPLICABLE),
        Arguments.of(
            "all condition keys must hold",
            doc(
                stmt(
                    "Allow",
                    "\"oss:*\"",
                    "\"*\"",
                    ",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"127.0.0.1\"},"
                        + "\"StringEquals\":{\"acs:UserAgent\":\"curl\"}}")),
            "oss:GetObject",
            OBJ,
            local,
            Decision.NOT_APPLICABLE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(
      String name,
      String json,
      String action,
      String resource,
      Map<String, String> ctx,
      Decision expected) {
    PolicyDocument d = PolicyDocument.parse(json, PolicyDocument.Kind.IDENTITY_POLICY);
    assertThat(d.evaluate(req(action, resource, ctx))).isEqualTo(expected);
  }

  static Stream<Arguments> principals() {
    return Stream.of(
        Arguments.of("\"*\"", List.of(), Decision.ALLOW),
        Arguments.of("[\"*\"]", List.of("2222"), Decision.ALLOW),
        Arguments.of("[\"2222\"]", List.of("2222"), Decision.ALLOW),
        Arguments.of("[\"2222\"]", List.of(), Decision.NOT_APPLICABLE),
        Arguments.of("{\"RAM\":[\"3333\",\"2222\"]}", List.of("2222"), Decision.ALLOW),
        Arguments.of("[\"3333\"]", List.of("2222"), Decision.NOT_APPLICABLE));
  }

  @ParameterizedTest(name = "Principal {0} for {1}")
  @MethodSource("principals")
  void bucketPolicyPrincipals(String principal, List<String> ids, Decision expected) {
    PolicyDocument d =
        PolicyDocument.parse(
            doc(
                stmt(
                    "Allow",
                    "\"oss:GetObject\"",
                    "\"acs:oss:*:*:logs/*\"",
                    ",\"Principal\":" + principal)),
            PolicyDocument.Kind.BUCKET_POLICY);
    assertThat(d.evaluate(new PolicyRequest("oss:GetObject", OBJ, ids, Map.of())))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{\"Version\":1,\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"2\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"a\",\"NotAction\":\"b\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\",\"Extra\":1}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"NumericEquals\":{\"x\":1}}}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"example.com\"}}}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"DateLessThan\":{\"acs:CurrentTime\":\"yesterday\"}}}]}",
        "{\"Version\":\"1\",\"Version\":\"1\",\"Statement\":[]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
            + "\"Principal\":\"*\"}]}",
        "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]"
      })
  void refusesMalformedIdentityPolicies(String json) {
    assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyDocument.Kind.IDENTITY_POLICY))
        .isInstanceOf(MalformedPolicyException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\"}]}",
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"oss:*\",\"Resource\":\"*\","
            + "\"Principal\":[]}]}"
      })
  void bucketPoliciesNeedAPrincipal(String json) {
    assertThatThrownBy(() -> PolicyDocument.parse(json, PolicyDocument.Kind.BUCKET_POLICY))
        .isInstanceOf(MalformedPolicyException.class);
  }

  @org.junit.jupiter.api.Test
  void refusesOversizedDocuments() {
    String big =
        doc(stmt("Allow", "\"oss:*\"", "\"" + "x".repeat(PolicyDocument.MAX_BYTES) + "\"", ""));
    assertThatThrownBy(() -> PolicyDocument.parse(big, PolicyDocument.Kind.IDENTITY_POLICY))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining("16 KB");
  }

  @org.junit.jupiter.api.Test
  void keepsTheTextAndAcceptsEscapesAndASingleStatementObject() {
    String json =
        "{\"Version\":\"1\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"oss:GetObject\","
            + "\"Resource\":\"acs:oss:*:*:logs/caf\\u00e9/*\"}}";
    PolicyDocument d = PolicyDocument.parse(json, PolicyDocument.Kind.IDENTITY_POLICY);
    assertThat(d.text()).isEqualTo(json);
    assertThat(d.statements().get(0).resources()).containsExactly("acs:oss:*:*:logs/café/*");
  }
}
