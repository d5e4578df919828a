package dev.osprey.storage.rocks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksDB keys of the {@code uploads} and {@code parts} column families.
 *
 * <p>Upload: {@code [bucket length][bucket][object key][0x00][upload id]}. The zero byte sorts
 * below every byte of a UTF-8 key, so one key's uploads come before any longer key that extends it,
 * and the whole range lists in (key, upload id) order, the order ListMultipartUploads pages in.
 * Upload ids have a fixed length ({@link #UPLOAD_ID_LENGTH}), which is how the key is split again.
 *
 * <p>Part: {@code [bucket length][bucket][upload id][part number, 4 bytes big-endian]}: one
 * upload's parts are one contiguous range in part-number order.
 */
final class UploadKeys {
  static final int UPLOAD_ID_LENGTH = 32;

  private UploadKeys() {}

  static byte[] upload(String bucket, String key, String uploadId) {
    byte[] prefix = ObjectKeys.encode(bucket, key);
    byte[] id = ascii(uploadId);
    byte[] out = Arrays.copyOf(prefix, prefix.length + 1 + id.length);
    System.arraycopy(id, 0, out, prefix.length + 1, id.length);
    return out;
  }

  /** The start of a bucket's upload range restricted to keys starting with {@code keyPrefix}. */
  static byte[] uploadRange(String bucket, String keyPrefix) {
    return ObjectKeys.encode(bucket, keyPrefix == null ? "" : keyPrefix);
  }

  /** The first upload key of {@code key} (inclusive). */
  static byte[] firstUploadOf(String bucket, String key) {
    byte[] prefix = ObjectKeys.encode(bucket, key);
    return Arrays.copyOf(prefix, prefix.length + 1);
  }

  /** The first key after every upload of {@code key}: its separator byte raised by one. */
  static byte[] afterUploadsOf(String bucket, String key) {
    byte[] start = firstUploadOf(bucket, key);
    start[start.length - 1] = 1;
    return start;
  }

  static String objectKey(byte[] uploadKey) {
    int start = 1 + (uploadKey[0] & 0xFF);
    int end = uploadKey.length - UPLOAD_ID_LENGTH - 1;
    return new String(uploadKey, start, end - start, StandardCharsets.UTF_8);
  }

  static String uploadId(byte[] uploadKey) {
    return new String(
        uploadKey,
        uploadKey.length - UPLOAD_ID_LENGTH,
        UPLOAD_ID_LENGTH,
        StandardCharsets.US_ASCII);
  }

  /** The start of one upload's part range. */
  static byte[] partRange(String bucket, String uploadId) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    byte[] id = ascii(uploadId);
    byte[] out = new byte[1 + b.length + id.length];
    out[0] = (byte) b.length;
    System.arraycopy(b, 0, out, 1, b.length);
    System.arraycopy(id, 0, out, 1 + b.length, id.length);
    return out;
  }

  static byte[] part(String bucket, String uploadId, int partNumber) {
    byte[] range = partRange(bucket, uploadId);
    byte[] out = Arrays.copyOf(range, range.length + 4);
    int i = range.length;
    out[i] = (byte) (partNumber >>> 24);
    out[i + 1] = (byte) (partNumber >>> 16);
    out[i + 2] = (byte) (partNumber >>> 8);
    out[i + 3] = (byte) partNumber;
    return out;
  }

  static int partNumber(byte[] partKey) {
    int i = partKey.length - 4;
    return (partKey[i] & 0xFF) << 24
        | (partKey[i + 1] & 0xFF) << 16
        | (partKey[i + 2] & 0xFF) << 8
        | (partKey[i + 3] & 0xFF);
  }

  private static byte[] ascii(String uploadId) {
    byte[] id = uploadId.getBytes(StandardCharsets.US_ASCII);
    if (id.length != UPLOAD_ID_LENGTH) {
      throw new IllegalArgumentException("upload ids have " + UPLOAD_ID_LENGTH + " characters");
    }
    return id;
  }
}
