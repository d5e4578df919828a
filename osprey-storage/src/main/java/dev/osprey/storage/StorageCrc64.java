package dev.osprey.storage;

/**
 * CRC-64/XZ (spec §1.8: the {@code x-oss-hash-crc64ecma} algorithm). Storage's own copy until the shared
 * {@code dev.osprey.protocol.Crc64} lands; callers use only {@link #update}, so the swap is one line.
 *
 * <p>Because the register is inverted on entry and on exit, continuing from a previous final value gives the CRC
 * of the concatenation: an appendable object's running CRC is updated with the new bytes only (spec §1.8).
 */
final class StorageCrc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final long[] TABLE = new long[256];

  static {
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      TABLE[n] = c;
    }
  }

  private StorageCrc64() {}

  /** Continues {@code crc} (a final CRC value; 0 for the empty prefix) over {@code b[off, off+len)}. */
  static long update(long crc, byte[] b, int off, int len) {
    long c = ~crc;
    for (int i = off; i < off + len; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
    }
    return ~c;
  }
}
