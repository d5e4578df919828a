package dev.osprey.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * CRC-64/XZ, which OSS calls {@code crc64ecma} (spec §1.8): reflected polynomial {@code
 * 0xC96C5795D7870F42}, initial value and final xor all ones. Values are unsigned 64-bit numbers
 * carried in a {@code long}.
 *
 * <p>Because the register is inverted on entry and on exit, {@link #update} started from a previous
 * <em>final</em> CRC continues that CRC: {@code update(update(0, a), b) == update(0, a + b)}. That
 * is what lets the server keep one running CRC per appendable object. {@link #combine} joins two
 * independently computed CRCs without the bytes.
 *
 * <p>Speed: every request body passes through here, so large bodies are cut into stripes of {@link
 * #LANES} interleaved blocks whose CRCs are computed side by side, each by slicing-by-8. A single
 * slicing-by-8 chain waits for the previous 8 bytes' table look-ups before it can start the next
 * ones; four independent chains keep the CPU's load ports busy instead, about twice as fast on 64
 * KiB buffers (docs/benchmarks.md, "CRC-64 and MD5 (JMH)"). The blocks' CRCs are then joined with a
 * precomputed "skip {@link #LANE} zero bytes" operator, the same algebra as {@link #combine}.
 */
public final class Crc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle BUFFER_LONG_LE =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Bytes of one lane in a stripe; a multiple of 8. */
  private static final int LANE = 256;

  /** Independent CRC chains computed side by side. */
  private static final int LANES = 4;

  private static final int STRIPE = LANE * LANES;

  /**
   * Slicing-by-8 tables in one flat array (one bounds check, constant offsets): {@code TABLE[k *
   * 256 + b]} is the register after byte b followed by k zero bytes.
   */
  private static final long[] TABLE = new long[8 * 256];

  /**
   * The linear map "run {@link #LANE} zero bytes through the register", by byte of its input:
   * {@code SKIP_LANE[k * 256 + b]} is the image of {@code b << 8k}.
   */
  private static final long[] SKIP_LANE = new long[8 * 256];

  /**
   * {@code ZEROS[k]} is the 64x64 GF(2) matrix (one long per column) that runs 2<sup>k</sup> zero
   * bytes through the register, so {@link #combine} costs one matrix-vector product per set bit of
   * the length instead of re-squaring matrices on every call.
   */
  private static final long[][] ZEROS = new long[64][];

  static {
    for (int n = 0; n < 256; n++) {
      long c = n;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      TABLE[n] = c;
    }
    for (int n = 0; n < 256; n++) {
      long c = TABLE[n];
      for (int k = 1; k < 8; k++) {
        c = TABLE[(int) (c & 0xff)] ^ (c >>> 8);
        TABLE[k * 256 + n] = c;
      }
    }
    long[] laneColumns = new long[64];
    for (int bit = 0; bit < 64; bit++) {
      long c = 1L << bit;
      for (int n = 0; n < LANE; n++) {
        c = TABLE[(int) (c & 0xff)] ^ (c >>> 8);
      }
      laneColumns[bit] = c;
    }
    for (int k = 0; k < 8; k++) {
      for (int b = 0; b < 256; b++) {
        SKIP_LANE[k * 256 + b] = gf2MatrixTimes(laneColumns, 8 * k, b);
      }
    }
    initZeroOperators();
  }

  private Crc64() {}

  /** Continues {@code crc} (0 for a fresh start) over {@code b[off, off + len)}. */
  public static long update(long crc, byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    long c = ~crc;
    int i = off;
    int end = off + len;
    for (; end - i >= STRIPE; i += STRIPE) {
      long c0 = c;
      long c1 = 0;
      long c2 = 0;
      long c3 = 0;
      for (int j = i, stop = i + LANE; j < stop; j += 8) {
        c0 = slice8(c0 ^ (long) LONG_LE.get(b, j));
        c1 = slice8(c1 ^ (long) LONG_LE.get(b, j + LANE));
        c2 = slice8(c2 ^ (long) LONG_LE.get(b, j + 2 * LANE));
        c3 = slice8(c3 ^ (long) LONG_LE.get(b, j + 3 * LANE));
      }
      c = joinLanes(c0, c1, c2, c3);
    }
    for (; end - i >= 8; i += 8) {
      c = slice8(c ^ (long) LONG_LE.get(b, i));
    }
    for (; i < end; i++) {
      c = TABLE[(int) ((c ^ b[i]) & 0xff)] ^ (c >>> 8);
    }
    return ~c;
  }

  /**
   * Continues {@code crc} over the bytes between the buffer's position and limit. The buffer's
   * position, limit and byte order are left untouched, so the caller can still hand the same buffer
   * on (for example to a file write).
   */
  public static long update(long crc, ByteBuffer buf) {
    int pos = buf.position();
    int len = buf.remaining();
    if (buf.hasArray()) {
      return update(crc, buf.array(), buf.arrayOffset() + pos, len);
    }
    long c = ~crc;
    int i = pos;
    int end = pos + len;
    for (; end - i >= STRIPE; i += STRIPE) {
      long c0 = c;
      long c1 = 0;
      long c2 = 0;
      long c3 = 0;
      for (int j = i, stop = i + LANE; j < stop; j += 8) {
        c0 = slice8(c0 ^ (long) BUFFER_LONG_LE.get(buf, j));
        c1 = slice8(c1 ^ (long) BUFFER_LONG_LE.get(buf, j + LANE));
        c2 = slice8(c2 ^ (long) BUFFER_LONG_LE.get(buf, j + 2 * LANE));
        c3 = slice8(c3 ^ (long) BUFFER_LONG_LE.get(buf, j + 3 * LANE));
      }
      c = joinLanes(c0, c1, c2, c3);
    }
    for (; end - i >= 8; i += 8) {
      c = slice8(c ^ (long) BUFFER_LONG_LE.get(buf, i));
    }
    for (; i < end; i++) {
      c = TABLE[(int) ((c ^ buf.get(i)) & 0xff)] ^ (c >>> 8);
    }
    return ~c;
  }

  /** The register after 8 bytes whose xor with the previous register is {@code c}. */
  private static long slice8(long c) {
    return TABLE[7 * 256 + (int) (c & 0xff)]
        ^ TABLE[6 * 256 + (int) ((c >>> 8) & 0xff)]
        ^ TABLE[5 * 256 + (int) ((c >>> 16) & 0xff)]
        ^ TABLE[4 * 256 + (int) ((c >>> 24) & 0xff)]
        ^ TABLE[3 * 256 + (int) ((c >>> 32) & 0xff)]
        ^ TABLE[2 * 256 + (int) ((c >>> 40) & 0xff)]
        ^ TABLE[256 + (int) ((c >>> 48) & 0xff)]
        ^ TABLE[(int) (c >>> 56)];
  }

  /**
   * The register after a whole stripe, given each lane's register: lane 0 started from the running
   * register, the others from zero. The CRC register is linear in its input, so the stripe's
   * register is lane 0's pushed through the three lanes after it, xor lane 1's pushed through two,
   * and so on.
   */
  private static long joinLanes(long c0, long c1, long c2, long c3) {
    return skipLane(skipLane(skipLane(c0) ^ c1) ^ c2) ^ c3;
  }

  private static long skipLane(long c) {
    return SKIP_LANE[7 * 256 + (int) (c >>> 56)]
        ^ SKIP_LANE[6 * 256 + (int) ((c >>> 48) & 0xff)]
        ^ SKIP_LANE[5 * 256 + (int) ((c >>> 40) & 0xff)]
        ^ SKIP_LANE[4 * 256 + (int) ((c >>> 32) & 0xff)]
        ^ SKIP_LANE[3 * 256 + (int) ((c >>> 24) & 0xff)]
        ^ SKIP_LANE[2 * 256 + (int) ((c >>> 16) & 0xff)]
        ^ SKIP_LANE[256 + (int) ((c >>> 8) & 0xff)]
        ^ SKIP_LANE[(int) (c & 0xff)];
  }

  /**
   * The CRC of {@code A + B} given {@code crc1 = CRC(A)}, {@code crc2 = CRC(B)} and {@code len2 =
   * |B|}, by the zlib method: applying {@code len2} zero bytes to crc1 is a linear map over GF(2),
   * the product of the precomputed operators for the powers of two that make up {@code len2}. The
   * Java SDK verifies multipart and append results this way (spec §1.8).
   */
  public static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) {
      return crc1;
    }
    long crc = crc1;
    long len = len2;
    for (int k = 0; len != 0; k++, len >>>= 1) {
      if ((len & 1) != 0) {
        crc = gf2MatrixTimes(ZEROS[k], crc);
      }
    }
    return crc ^ crc2;
  }

  private static void initZeroOperators() {
    long[] op = new long[64];
    // Operator for one zero bit.
    op[0] = POLY;
    long row = 1;
    for (int n = 1; n < 64; n++) {
      op[n] = row;
      row <<= 1;
    }
    // Square three times: one zero bit, two, four, then one zero byte.
    for (int s = 0; s < 3; s++) {
      op = gf2MatrixSquare(op);
    }
    for (int k = 0; k < 64; k++) {
      ZEROS[k] = op;
      op = gf2MatrixSquare(op);
    }
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

  /** {@code mat} times {@code bits << firstColumn}. */
  private static long gf2MatrixTimes(long[] mat, int firstColumn, int bits) {
    long sum = 0;
    for (int i = 0; i < 8; i++) {
      if ((bits & (1 << i)) != 0) {
        sum ^= mat[firstColumn + i];
      }
    }
    return sum;
  }

  private static long[] gf2MatrixSquare(long[] mat) {
    long[] square = new long[64];
    for (int n = 0; n < 64; n++) {
      square[n] = gf2MatrixTimes(mat, mat[n]);
    }
    return square;
  }

  /** The decimal form OSS sends in {@code x-oss-hash-crc64ecma}. */
  public static String toUnsignedString(long crc) {
    return Long.toUnsignedString(crc);
  }

  /**
   * Parses the unsigned decimal form (as sent by clients in init-CRC parameters or stored headers).
   *
   * @throws NumberFormatException if the text is not an unsigned decimal that fits in 64 bits
   */
  public static long parseUnsigned(String s) {
    return Long.parseUnsignedLong(s.trim());
  }
}
