package dev.osprey.storage.rocks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksDB keys of the versions column family: {@code [bucket length: 1 byte][bucket UTF-8][object
 * key, escaped][0x00 0x01][Long.MAX_VALUE - sequence: 8 bytes big-endian]}.
 *
 * <p>Order is what ListObjectVersions shows: by object key in UTF-8 byte order, then newest version
 * first. The key is escaped (each 0x00 byte becomes 0x00 0xFF) and ended by 0x00 0x01, which sorts
 * below every continuation of the key, so a key's versions never interleave with those of a longer
 * key that extends it; the escaping keeps the keys' own order.
 */
final class VersionKeys {
  private static final int SEQUENCE_BYTES = 8;

  private VersionKeys() {}

  /** The key of version {@code sequence} of {@code (bucket, objectKey)}. */
  static byte[] version(String bucket, String objectKey, long sequence) {
    byte[] prefix = ofKey(bucket, objectKey);
    return ByteBuffer.allocate(prefix.length + SEQUENCE_BYTES)
        .put(prefix)
        .putLong(Long.MAX_VALUE - sequence)
        .array();
  }

  /** The common prefix of every version of {@code (bucket, objectKey)}. */
  static byte[] ofKey(String bucket, String objectKey) {
    ByteArrayOutputStream out = start(bucket, objectKey);
    out.write(0);
    out.write(1);
    return out.toByteArray();
  }

  /**
   * The prefix of every version of every key that starts with {@code keyPrefix} (empty: the whole
   * bucket).
   */
  static byte[] ofPrefix(String bucket, String keyPrefix) {
    return start(bucket, keyPrefix).toByteArray();
  }

  /** The smallest key after every version of {@code (bucket, objectKey)}. */
  static byte[] pastKey(String bucket, String objectKey) {
    byte[] k = ofKey(bucket, objectKey);
    k[k.length - 1] = 2;
    return k;
  }

  /** The object key inside a version key. */
  static String objectKey(byte[] versionKey) {
    int from = 1 + (versionKey[0] & 0xFF);
    int end = versionKey.length - SEQUENCE_BYTES - 2;
    ByteArrayOutputStream raw = new ByteArrayOutputStream(end - from);
    for (int i = from; i < end; i++) {
      raw.write(versionKey[i]);
      if (versionKey[i] == 0) {
        i++; // the 0xFF that escapes it
      }
    }
    return raw.toString(StandardCharsets.UTF_8);
  }

  /** The version sequence inside a version key. */
  static long sequence(byte[] versionKey) {
    return Long.MAX_VALUE
        - ByteBuffer.wrap(versionKey, versionKey.length - SEQUENCE_BYTES, SEQUENCE_BYTES).getLong();
  }

  /** Whether {@code versionKey} is a version of the key whose prefix is {@code ofKey}. */
  static boolean isVersionOf(byte[] versionKey, byte[] ofKey) {
    return versionKey.length == ofKey.length + SEQUENCE_BYTES
        && ObjectKeys.startsWith(versionKey, ofKey);
  }

  /** The smallest key sorting strictly after {@code key}. */
  static byte[] justAfter(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  private static ByteArrayOutputStream start(String bucket, String objectKey) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > 255) {
      throw new IllegalArgumentException("bucket name must be 1..255 bytes: " + bucket);
    }
    byte[] k = objectKey.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 + b.length + k.length + 12);
    out.write(b.length);
    out.write(b, 0, b.length);
    for (byte x : k) {
      out.write(x);
      if (x == 0) {
        out.write(0xFF);
      }
    }
    return out;
  }
}
