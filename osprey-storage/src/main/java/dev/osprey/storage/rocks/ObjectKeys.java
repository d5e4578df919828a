package dev.osprey.storage.rocks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksDB keys of the objects column family: {@code [bucket length: 1 byte][bucket UTF-8][object
 * key UTF-8]}. The length byte keeps one bucket's objects one contiguous range (no bucket name is a
 * prefix-confusable part of another's range) and, inside it, RocksDB's bytewise order is the UTF-8
 * byte order OSS lists in. Object keys may hold any character, separators included, because nothing
 * follows them.
 */
final class ObjectKeys {
  private ObjectKeys() {}

  /**
   * The key of {@code (bucket, objectKey)}; with an empty object key, the start of the bucket's
   * range.
   */
  static byte[] encode(String bucket, String objectKey) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > 255) {
      throw new IllegalArgumentException("bucket name must be 1..255 bytes: " + bucket);
    }
    byte[] k = objectKey.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + b.length + k.length];
    out[0] = (byte) b.length;
    System.arraycopy(b, 0, out, 1, b.length);
    System.arraycopy(k, 0, out, 1 + b.length, k.length);
    return out;
  }

  /** The object key inside an encoded key. */
  static String objectKey(byte[] encoded) {
    int start = 1 + (encoded[0] & 0xFF);
    return new String(encoded, start, encoded.length - start, StandardCharsets.UTF_8);
  }

  /** The bucket name inside an encoded key. */
  static String bucket(byte[] encoded) {
    return new String(encoded, 1, encoded[0] & 0xFF, StandardCharsets.UTF_8);
  }

  /** The smallest key sorting strictly after {@code encoded}: the key itself plus a zero byte. */
  static byte[] justAfter(byte[] encoded) {
    return Arrays.copyOf(encoded, encoded.length + 1);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
