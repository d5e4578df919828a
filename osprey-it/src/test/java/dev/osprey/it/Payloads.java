package dev.osprey.it;

import com.aliyun.oss.common.utils.CRC64;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/**
 * Object contents for tests, and their digests computed on the client side (the SDK's CRC-64, the
 * JDK's MD5).
 */
final class Payloads {
  /** ETag of the empty object: the MD5 of nothing. */
  static final String EMPTY_ETAG = "D41D8CD98F00B204E9800998ECF8427E";

  private Payloads() {}

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  static InputStream stream(String s) {
    return stream(utf8(s));
  }

  static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
  }

  /** An OSS ETag of a Normal object: the upper-case hex MD5 of its content (spec §2.1). */
  static String etag(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(md5(bytes));
  }

  static String contentMd5(byte[] bytes) {
    return Base64.getEncoder().encodeToString(md5(bytes));
  }

  /** CRC-64/ECMA as the SDK computes it, returned as the signed long the SDK reports. */
  static long crc64(byte[] bytes) {
    CRC64 crc = new CRC64();
    crc.update(bytes, bytes.length);
    return crc.getValue();
  }
}
