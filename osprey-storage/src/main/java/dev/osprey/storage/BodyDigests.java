package dev.osprey.storage;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Content-MD5 parsing and checking, and MD5 instances. */
final class BodyDigests {
  private BodyDigests() {}

  /**
   * The 16 bytes a {@code Content-MD5} header announces, or null when absent. Anything that is not
   * base64 of exactly 16 bytes is InvalidDigest, decided before any body byte is read.
   */
  static byte[] parseContentMd5(String header) {
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

  /**
   * InvalidDigest unless {@code actual} equals the announced digest (no-op when none was
   * announced).
   */
  static void verify(byte[] announced, byte[] actual) {
    if (announced != null && !MessageDigest.isEqual(announced, actual)) {
      throw new OssException(OssErrorCode.INVALID_DIGEST);
    }
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships MD5", e);
    }
  }
}
