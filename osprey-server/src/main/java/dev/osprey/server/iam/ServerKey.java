package dev.osprey.server.iam;

import dev.osprey.storage.file.FileDurability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's own secret: 32 random bytes in {@code <data>/server.key}, readable by the owner
 * only, created on first start. RAM users' access key secrets are sealed with a key derived from it
 * (AES-256-GCM, the access key id as associated data) before they reach the metadata store, so a
 * copy of the metadata alone reveals no secret. Losing the file makes every stored user key
 * unusable (they would have to be created again) and every STS token issued so far invalid; the
 * root key is unaffected.
 */
public final class ServerKey {
  public static final String FILE_NAME = "server.key";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final byte[] sealKey;
  private final byte[] stsKey;
  private final SecureRandom random = new SecureRandom();

  private ServerKey(byte[] master) {
    this.sealKey = derive(master, "osprey access key secrets v1");
    this.stsKey = derive(master, "osprey sts v1");
  }

  /**
   * The key of STS security tokens and temporary secrets, independent of the one sealing stored
   * secrets. Every node started with the same {@code server.key} accepts the others' tokens.
   */
  public byte[] stsKey() {
    return stsKey.clone();
  }

  /** Reads the key kept in {@code dataDir}, creating it on first use. */
  public static ServerKey loadOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      FileDurability.replaceAtomically(
          file, Base64.getEncoder().encode(fresh), PosixFilePermissions.fromString("rw-------"));
    }
    byte[] master = Base64.getDecoder().decode(Files.readString(file).trim());
    if (master.length != 32) {
      throw new IOException(file + " does not hold a 32-byte key");
    }
    return new ServerKey(master);
  }

  /** Seals {@code secret} for storage; {@code context} (the access key id) is bound to it. */
  public String seal(String secret, String context) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = c.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] out = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is a required JDK algorithm", e);
    }
  }

  /**
   * Opens what {@link #seal} produced for the same context.
   *
   * @throws IllegalArgumentException when it was sealed under another key or context, or altered
   */
  public String open(String sealed, String context) {
    try {
      byte[] in = Base64.getDecoder().decode(sealed);
      byte[] nonce = java.util.Arrays.copyOf(in, NONCE_BYTES);
      Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, context);
      byte[] plain = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, java.nio.charset.StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("sealed value does not open with this server key");
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(sealKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return c;
  }

  /** HMAC-SHA256(master, purpose): one independent key per use of the master key. */
  static byte[] derive(byte[] master, String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is a required JDK algorithm", e);
    }
  }
}
