package dev.osprey.jmh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The CRC-64/XZ code as it was before the lanes (slicing-by-8 with {@code long[8][256]} tables and
 * a combine that re-squares its matrices on every call), kept verbatim as the baseline that the new
 * {@code dev.osprey.protocol.Crc64} is measured against in the same JMH run.
 */
final class LegacyCrc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Slicing-by-8 tables: TABLE[k][b] is the CRC of byte b followed by k zero bytes. */
  private static final long[][] TABLE = new long[8][256];

  static {
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      TABLE[0][n] = c;
    }
    for (int n = 0; n < 256; n++) {
      long c = TABLE[0][n];
      for (int k = 1; k < 8; k++) {
        c = TABLE[0][(int) (c & 0xff)] ^ (c >>> 8);
        TABLE[k][n] = c;
      }
    }
  }

  private LegacyCrc64() {}

  /** Continues {@code crc} (0 for a fresh start) over {@code b[off, off + len)}. */
  static long update(long crc, byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    long c = ~crc;
    int i = off;
    int end = off + len;
    for (; end - i >= 8; i += 8) {
      c ^= (long) LONG_LE.get(b, i);
      c = slice8(c);
    }
    for (; i < end; i++) {
      c = TABLE[0][(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    return ~c;
  }

  /**
   * Continues {@code crc} over the bytes between the buffer's position and limit. The buffer's
   * position, limit and byte order are left untouched, so the caller can still hand the same buffer
   * on (for example to a file write).
   */
  static long update(long crc, ByteBuffer buf) {
    int pos = buf.position();
    int len = buf.remaining();
    if (buf.hasArray()) {
      return update(crc, buf.array(), buf.arrayOffset() + pos, len);
    }
    ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long c = ~crc;
    int i = pos;
    int end = pos + len;
    for (; end - i >= 8; i += 8) {
      c ^= le.getLong(i);
      c = slice8(c);
    }
    for (; i < end; i++) {
      c = TABLE[0][(int) ((c ^ le.get(i)) & 0xff)] ^ (c >>> 8);
    }
    return ~c;
  }

  private static long slice8(long c) {
    return TABLE[7][(int) (c & 0xff)]
        ^ TABLE[6][(int) ((c >>> 8) & 0xff)]
        ^ TABLE[5][(int) ((c >>> 16) & 0xff)]
        ^ TABLE[4][(int) ((c >>> 24) & 0xff)]
        ^ TABLE[3][(int) ((c >>> 32) & 0xff)]
        ^ TABLE[2][(int) ((c >>> 40) & 0xff)]
        ^ TABLE[1][(int) ((c >>> 48) & 0xff)]
        ^ TABLE[0][(int) (c >>> 56)];
  }

  /**
   * The CRC of {@code A + B} given {@code crc1 = CRC(A)}, {@code crc2 = CRC(B)} and {@code len2 =
   * |B|}, by the zlib method: applying {@code len2} zero bytes to crc1 is a linear map over GF(2),
   * computed by squaring the one-zero-bit operator. The Java SDK verifies multipart and append
   * results this way (spec §1.8).
   */
  static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) {
      return crc1;
    }
    long[] even = new long[64];
    long[] odd = new long[64];
    // Operator for one zero bit.
    odd[0] = POLY;
    long row = 1;
    for (int n = 1; n < 64; n++) {
      odd[n] = row;
      row <<= 1;
    }
    gf2MatrixSquare(even, odd); // two zero bits
    gf2MatrixSquare(odd, even); // four zero bits
    long crc = crc1;
    long len = len2;
    // Each pass squares the operator (one zero byte, then two, four, ...) and applies it when the
    // bit is set.
    do {
      gf2MatrixSquare(even, odd);
      if ((len & 1) != 0) {
        crc = gf2MatrixTimes(even, crc);
      }
      len >>>= 1;
      if (len == 0) {
        break;
      }
      gf2MatrixSquare(odd, even);
      if ((len & 1) != 0) {
        crc = gf2MatrixTimes(odd, crc);
      }
      len >>>= 1;
    } while (len != 0);
    return crc ^ crc2;
  }

  private static long gf2MatrixTimes(long[] mat, long vec) {
    long sum = 0;
    int i = 0;
    long v = vec;
    while (v != 0) {
      if ((v & 1) != 0) {
        sum ^= mat[i];
      }
      v >>>= 1;
      i++;
    }
    return sum;
  }

  private static void gf2MatrixSquare(long[] square, long[] mat) {
    for (int n = 0; n < 64; n++) {
      square[n] = gf2MatrixTimes(mat, mat[n]);
    }
  }
}
