package dev.osprey.auth;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Self-contained STS security tokens (spec §5.5): everything a node needs to accept temporary
 * credentials travels in the token, sealed with AES-256-GCM under a key derived from the server
 * key, so no node stores anything when credentials are issued and any node holding the same key
 * verifies them.
 *
 * <p>Token (version 1), base64url without padding: {@code 0x01 || nonce(12) || AES-GCM(claims)}
 * with the version byte and a fixed label as associated data. Claims, each string as an unsigned
 * 16-bit length then UTF-8: expiration (epoch seconds, 64-bit), STS access key id, user name, user
 * id, session policy (empty when none).
 *
 * <p>The temporary secret is {@code base64url(HMAC-SHA256(secretKey, accessKeyId))}: derived, never
 * stored, and useless without the key. Access key ids carry 150 random bits, so no two sessions
 * share a secret.
 */
public final class SecurityTokens {
  /** Access key ids of temporary credentials start with this, as Alibaba Cloud STS's do. */
  public static final String ACCESS_KEY_PREFIX = "STS.";

  /** Alibaba Cloud STS's limit on a session policy's length. */
  public static final int MAX_SESSION_POLICY_CHARS = 2048;

  static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** Far above any token this class issues; bounds the work a forged token can cause. */
  private static final int MAX_TOKEN_CHARS = 16 * 1024;

  private static final byte[] AAD = "osprey sts token".getBytes(StandardCharsets.UTF_8);
  private static final String ID_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /**
   * What a token asserts.
   *
   * @param sessionPolicy the session policy's JSON, or null when none was given
   */
  public record Claims(
      String accessKeyId,
      String userName,
      String userId,
      Instant expiration,
      String sessionPolicy) {
    public Claims {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(userName, "userName");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(expiration, "expiration");
      expiration = Instant.ofEpochSecond(expiration.getEpochSecond());
      if (sessionPolicy != null && sessionPolicy.isEmpty()) {
        sessionPolicy = null;
      }
    }
  }

  /** Temporary credentials as handed to a client; the secret is never printed by toString. */
  public record TemporaryCredentials(
      String accessKeyId, String accessKeySecret, String securityToken, Instant expiration) {
    @Override
    public String toString() {
      return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
    }
  }

  private final byte[] tokenKey;
  private final byte[] secretKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param key at least 32 bytes of secret material, reserved for STS (derive it from the server
   *     key with its own purpose label, never reuse another use's key)
   */
  public SecurityTokens(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("an STS key needs at least 32 bytes");
    }
    this.tokenKey = hmac(key, "token sealing");
    this.secretKey = hmac(key, "temporary secrets");
  }

  public static boolean isTemporary(String accessKeyId) {
    return accessKeyId != null && accessKeyId.startsWith(ACCESS_KEY_PREFIX);
  }

  /** Issues credentials for a user: a fresh access key id, its derived secret, the token. */
  public TemporaryCredentials issue(
      String userName, String userId, String sessionPolicy, Instant expiration) {
    String accessKeyId = ACCESS_KEY_PREFIX + randomId(25);
    Claims claims = new Claims(accessKeyId, userName, userId, expiration, sessionPolicy);
    return new TemporaryCredentials(
        accessKeyId, secretFor(accessKeyId), seal(claims), claims.expiration());
  }

  /** The secret of a temporary access key id. */
  public String secretFor(String accessKeyId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(secretKey, accessKeyId))
        .substring(0, 40);
  }

  String seal(Claims claims) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(encode(claims));
      byte[] out = new byte[1 + NONCE_BYTES + sealed.length];
      out[0] = VERSION;
      System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, 1 + NONCE_BYTES, sealed.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is a required JDK algorithm", e);
    }
  }

  /**
   * Opens a token presented with {@code accessKeyId} at time {@code now}.
   *
   * @throws OssException InvalidSecurityToken when the token is malformed, altered, sealed under
   *     another key, or issued for another access key id; SecurityTokenExpired when it is past its
   *     expiration
   */
  public Claims open(String accessKeyId, String token, Instant now) {
    Claims claims = unseal(token);
    if (!claims.accessKeyId().equals(accessKeyId)) {
      throw invalid("The security token was issued for another access key id.");
    }
    if (!now.isBefore(claims.expiration())) {
      throw OssException.of(OssErrorCode.SECURITY_TOKEN_EXPIRED);
    }
    return claims;
  }

  private Claims unseal(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw invalid(null);
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(token);
      if (in.length < 1 + NONCE_BYTES + TAG_BITS / 8 || in[0] != VERSION) {
        throw invalid(null);
      }
      byte[] nonce = Arrays.copyOfRange(in, 1, 1 + NONCE_BYTES);
      byte[] plain =
          cipher(Cipher.DECRYPT_MODE, nonce)
              .doFinal(in, 1 + NONCE_BYTES, in.length - 1 - NONCE_BYTES);
      return decode(plain);
    } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
      // Bad base64, a wrong tag (altered, or another server's key) or a malformed body: all the
      // same to the client, and the cause is not worth a log line per forged request.
      throw invalid(null);
    }
  }

  private static byte[] encode(Claims c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(c.expiration().getEpochSecond());
      for (String s :
          new String[] {
            c.accessKeyId(),
            c.userName(),
            c.userId(),
            c.sessionPolicy() == null ? "" : c.sessionPolicy()
          }) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
          throw new IllegalArgumentException("claim too long for a security token");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static Claims decode(byte[] plain) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain));
    Instant expiration = Instant.ofEpochSecond(in.readLong());
    String id = readString(in);
    String user = readString(in);
    String userId = readString(in);
    String policy = readString(in);
    if (in.available() != 0) {
      throw new IOException("trailing bytes in security token claims");
    }
    return new Claims(id, user, userId, expiration, policy);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readUnsignedShort()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(tokenKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(new byte[] {VERSION});
    c.updateAAD(AAD);
    return c;
  }

  private String randomId(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return sb.toString();
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
    }
  }

  static OssException invalid(String message) {
    return message == null
        ? OssException.of(OssErrorCode.INVALID_SECURITY_TOKEN)
        : OssException.of(OssErrorCode.INVALID_SECURITY_TOKEN, message);
  }
}
