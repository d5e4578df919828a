package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RocksDB keys of the tails column family. One generation's prefix is {@code [bucket length: 1
 * byte][bucket][key length: 4 bytes][key][blob id length: 1 byte][blob id]}: every part is length
 * prefixed, so no generation's prefix is a prefix of another's (object keys may hold any byte).
 *
 * <ul>
 *   <li>the prefix alone is the generation's marker; its value is the folded length (8 bytes). It
 *       exists exactly while the generation has tail chunks.
 *   <li>prefix + offset (8 bytes, big-endian) is a chunk; its value is the bytes. Big-endian keeps
 *       chunks in offset order.
 * </ul>
 */
final class TailKeys {
  private static final int OFFSET_BYTES = 8;

  private TailKeys() {}

  /** The marker key (and chunk prefix) of one generation. */
  static byte[] marker(String bucket, String key, String blobId) {
    byte[] b = bucket.getBytes(StandardCharsets.UTF_8);
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] id = blobId.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > 255 || id.length > 255) {
      throw new IllegalArgumentException("bucket name or blob id too long");
    }
    return ByteBuffer.allocate(1 + b.length + 4 + k.length + 1 + id.length)
        .put((byte) b.length)
        .put(b)
        .putInt(k.length)
        .put(k)
        .put((byte) id.length)
        .put(id)
        .array();
  }

  /** The key of the chunk starting at {@code offset}. */
  static byte[] chunk(byte[] marker, long offset) {
    return ByteBuffer.allocate(marker.length + OFFSET_BYTES).put(marker).putLong(offset).array();
  }

  /** Whether {@code key} is a chunk of the generation {@code marker} names. */
  static boolean isChunkOf(byte[] key, byte[] marker) {
    return key.length == marker.length + OFFSET_BYTES && ObjectKeys.startsWith(key, marker);
  }

  static long chunkOffset(byte[] key) {
    return ByteBuffer.wrap(key, key.length - OFFSET_BYTES, OFFSET_BYTES).getLong();
  }

  /** The length of the generation prefix at the start of any tails key. */
  static int markerLength(byte[] key) {
    ByteBuffer in = ByteBuffer.wrap(key);
    int bucketLength = in.get(0) & 0xFF;
    int keyLength = in.getInt(1 + bucketLength);
    int idAt = 1 + bucketLength + 4 + keyLength;
    return idAt + 1 + (key[idAt] & 0xFF);
  }

  /** The object a tails key belongs to. */
  static ObjectRef object(byte[] anyKey) {
    int bucketLength = anyKey[0] & 0xFF;
    int keyLength = ByteBuffer.wrap(anyKey).getInt(1 + bucketLength);
    return new ObjectRef(
        new String(anyKey, 1, bucketLength, StandardCharsets.UTF_8),
        new String(anyKey, 1 + bucketLength + 4, keyLength, StandardCharsets.UTF_8));
  }

  /** The smallest key after every chunk of {@code marker}'s generation. */
  static byte[] pastGeneration(byte[] marker) {
    byte[] out = Arrays.copyOf(marker, marker.length + OFFSET_BYTES + 1);
    Arrays.fill(out, marker.length, marker.length + OFFSET_BYTES, (byte) 0xFF);
    return out;
  }

  static byte[] encodeLength(long length) {
    return ByteBuffer.allocate(8).putLong(length).array();
  }

  static long decodeLength(byte[] value) {
    return ByteBuffer.wrap(value).getLong();
  }
}
