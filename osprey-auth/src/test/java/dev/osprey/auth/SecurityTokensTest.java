package dev.osprey.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.auth.SecurityTokens.Claims;
import dev.osprey.auth.SecurityTokens.TemporaryCredentials;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecurityTokensTest {
  private static final Instant ISSUED = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(3600);
  private static final String POLICY =
      "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\"],"
          + "\"Resource\":[\"*\"]}]}";

  private final SecurityTokens tokens = new SecurityTokens(key((byte) 1));

  private static byte[] key(byte fill) {
    byte[] k = new byte[32];
    Arrays.fill(k, fill);
    return k;
  }

  private static OssErrorCode codeOf(Runnable r) {
    try {
      r.run();
    } catch (OssException e) {
      return e.code();
    }
    throw new AssertionError("expected an OssException");
  }

  @Test
  void issuedCredentialsOpenToTheirClaims() {
    TemporaryCredentials c = tokens.issue("alice", "2001", POLICY, EXPIRES);

    assertThat(c.accessKeyId()).startsWith("STS.").hasSize(29);
    assertThat(SecurityTokens.isTemporary(c.accessKeyId())).isTrue();
    assertThat(c.expiration()).isEqualTo(EXPIRES);
    assertThat(c.accessKeySecret()).isEqualTo(tokens.secretFor(c.accessKeyId())).hasSize(40);
    assertThat(c.securityToken()).matches("[A-Za-z0-9_-]+");
    assertThat(c.toString()).doesNotContain(c.accessKeySecret());

    Claims claims = tokens.open(c.accessKeyId(), c.securityToken(), ISSUED.plusSeconds(10));
    assertThat(claims).isEqualTo(new Claims(c.accessKeyId(), "alice", "2001", EXPIRES, POLICY));
  }

  @Test
  void withoutSessionPolicyTheClaimIsNull() {
    TemporaryCredentials c = tokens.issue("bob", "2002", null, EXPIRES);
    assertThat(tokens.open(c.accessKeyId(), c.securityToken(), ISSUED).sessionPolicy()).isNull();
  }

  @Test
  void eachIssueHasItsOwnKeyAndSecret() {
    TemporaryCredentials a = tokens.issue("alice", "2001", null, EXPIRES);
    TemporaryCredentials b = tokens.issue("alice", "2001", null, EXPIRES);
    assertThat(a.accessKeyId()).isNotEqualTo(b.accessKeyId());
    assertThat(a.accessKeySecret()).isNotEqualTo(b.accessKeySecret());
    assertThat(a.securityToken()).isNotEqualTo(b.securityToken());
  }

  @Test
  void expiresAtItsExpiration() {
    TemporaryCredentials c = tokens.issue("alice", "2001", null, EXPIRES);
    assertThat(tokens.open(c.accessKeyId(), c.securityToken(), EXPIRES.minusSeconds(1)))
        .isNotNull();
    assertThat(codeOf(() -> tokens.open(c.accessKeyId(), c.securityToken(), EXPIRES)))
        .isEqualTo(OssErrorCode.SECURITY_TOKEN_EXPIRED);
    assertThat(
            codeOf(
                () -> tokens.open(c.accessKeyId(), c.securityToken(), EXPIRES.plusSeconds(86400))))
        .isEqualTo(OssErrorCode.SECURITY_TOKEN_EXPIRED);
  }

  @Test
  void everyAlteredByteIsRefused() {
    TemporaryCredentials c = tokens.issue("alice", "2001", POLICY, EXPIRES);
    byte[] raw = Base64.getUrlDecoder().decode(c.securityToken());
    for (int i = 0; i < raw.length; i++) {
      byte[] altered = raw.clone();
      altered[i] ^= 0x01;
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      assertThat(codeOf(() -> tokens.open(c.accessKeyId(), token, ISSUED)))
          .as("byte %d altered", i)
          .isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
    }
  }

  @Test
  void truncatedOrGarbageTokensAreRefused() {
    TemporaryCredentials c = tokens.issue("alice", "2001", null, EXPIRES);
    String t = c.securityToken();
    for (String bad :
        new String[] {
          "",
          "x",
          t.substring(0, t.length() - 1),
          t.substring(0, 20),
          t + "A",
          "not a token!",
          "CAISowJ1q6Ft5B2yfSjIr5bgIOz31blR9oWmWBfCs3kDR/xm3Imc1zz2IHxMdHJsCeAcs/Q0lGFR5",
          "A".repeat(20_000)
        }) {
      assertThat(codeOf(() -> tokens.open(c.accessKeyId(), bad, ISSUED)))
          .as(bad.length() > 40 ? bad.substring(0, 40) : bad)
          .isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
    }
  }

  @Test
  void aTokenOfAnotherServerKeyIsRefused() {
    TemporaryCredentials c =
        new SecurityTokens(key((byte) 2)).issue("alice", "2001", null, EXPIRES);
    assertThat(codeOf(() -> tokens.open(c.accessKeyId(), c.securityToken(), ISSUED)))
        .isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
    assertThat(tokens.secretFor(c.accessKeyId())).isNotEqualTo(c.accessKeySecret());
  }

  @Test
  void aTokenPresentedWithAnotherAccessKeyIdIsRefused() {
    TemporaryCredentials a = tokens.issue("alice", "2001", null, EXPIRES);
    TemporaryCredentials b = tokens.issue("alice", "2001", null, EXPIRES);
    assertThat(codeOf(() -> tokens.open(b.accessKeyId(), a.securityToken(), ISSUED)))
        .isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN);
  }

  @Test
  void theDefaultStoreRefusesAnyToken() {
    CredentialStore store = StaticCredentialStore.ofRoot("LTAIroot", "secret");
    assertThat(store.find("LTAIroot", null, ISSUED)).isPresent();
    assertThatThrownBy(() -> store.find("LTAIroot", "token", ISSUED))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_SECURITY_TOKEN));
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new SecurityTokens(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
