package dev.osprey.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Content-MD5} request header: base64 of the body's 16-byte MD5. Anything else, or a
 * body that does not match, is InvalidDigest (spec §1.3, §3.1).
 */
public final class ContentMd5 {
  private ContentMd5() {}

  /**
   * The 16 bytes the header announces, or null when absent. Anything that is not base64 of exactly
   * 16 bytes is InvalidDigest, decided before any body byte is read.
   */
  public static byte[] parse(String header) {
    if (header == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(header.trim());
      if (md5.length == 16) {
        return md5;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the same error as a wrong length
    }
    throw new OssException(OssErrorCode.INVALID_DIGEST);
  }

  /** InvalidDigest unless {@code actual} equals the announced digest (no-op when none). */
  public static void verify(byte[] announced, byte[] actual) {
    if (announced != null && !MessageDigest.isEqual(announced, actual)) {
      throw new OssException(OssErrorCode.INVALID_DIGEST);
    }
  }

  /** Checks a body held whole (an XML document) against the header, when one was sent. */
  public static void verify(String header, byte[] body) {
    byte[] announced = parse(header);
    if (announced != null) {
      verify(announced, md5().digest(body));
    }
  }

  public static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships MD5", e);
    }
  }
}
