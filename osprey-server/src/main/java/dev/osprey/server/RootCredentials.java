package dev.osprey.server;

import dev.osprey.storage.file.FileDurability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The root access key pair: the account owner's, with full access. When none is given it is
 * generated on first start and kept in {@code <data>/root-credentials.properties}, readable by the
 * owner only, so restarts keep it.
 */
public record RootCredentials(String accessKeyId, String accessKeySecret) {
  public static final String FILE_NAME = "root-credentials.properties";
  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  public RootCredentials {
    if (accessKeyId == null
        || accessKeyId.isBlank()
        || accessKeySecret == null
        || accessKeySecret.isBlank()) {
      throw new IllegalArgumentException("root access key id and secret must both be set");
    }
  }

  /**
   * The owning account's ID as shown in {@code <Owner>}: 16 digits, like an OSS account UID,
   * derived from the access key id so it is stable across restarts without being the key id itself.
   */
  public String accountId() {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(accessKeyId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long v = java.nio.ByteBuffer.wrap(h).getLong() & Long.MAX_VALUE;
      return String.format("1%015d", v % 1_000_000_000_000_000L);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  @Override
  public String toString() {
    return "RootCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=****]";
  }

  /** Reads the pair stored in {@code dataDir}, creating and storing a new one if there is none. */
  public static RootCredentials loadOrGenerate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      return new RootCredentials(p.getProperty("accessKeyId"), p.getProperty("accessKeySecret"));
    }
    RootCredentials fresh = generate();
    fresh.store(file);
    return fresh;
  }

  static RootCredentials generate() {
    SecureRandom random = new SecureRandom();
    return new RootCredentials(
        "LTAI" + randomString(random, ID_ALPHABET, 20), randomString(random, SECRET_ALPHABET, 30));
  }

  private static String randomString(SecureRandom random, String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Writes owner-only and crash-safe: a half-written credentials file would lock the owner out. */
  private void store(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("accessKeyId", accessKeyId);
    p.setProperty("accessKeySecret", accessKeySecret);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "Osprey root credentials: keep this file private");
    FileDurability.replaceAtomically(
        file, out.toByteArray(), PosixFilePermissions.fromString("rw-------"));
  }
}
