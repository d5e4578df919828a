package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc64Test {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  private static long crc(byte[] b) {
    return Crc64.update(0, b, 0, b.length);
  }

  /**
   * Bit-at-a-time reference straight from the CRC-64/XZ definition, to cross-check the sliced
   * tables.
   */
  private static long reference(byte[] b, int off, int len) {
    long c = ~0L;
    for (int i = off; i < off + len; i++) {
      c ^= b[i] & 0xff;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
      }
    }
    return ~c;
  }

  private static byte[] random(SplittableRandom rnd, int len) {
    byte[] b = new byte[len];
    for (int i = 0; i < len; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  @Test
  void checkValueMatchesSpec() {
    assertThat(Crc64.toUnsignedString(crc(CHECK))).isEqualTo("11051210869376104954");
    assertThat(crc(CHECK)).isEqualTo(0x995DC9BBDF1939FAL);
  }

  @Test
  void emptyInputIsZero() {
    assertThat(crc(new byte[0])).isZero();
    assertThat(Crc64.update(0, ByteBuffer.allocate(0))).isZero();
    assertThat(Crc64.update(0, ByteBuffer.allocateDirect(0))).isZero();
  }

  @Test
  void continuingFromFinalValueGivesCrcOfConcatenation() {
    long first = Crc64.update(0, CHECK, 0, 5);
    assertThat(Crc64.update(first, CHECK, 5, 4)).isEqualTo(crc(CHECK));
  }

  @Test
  void agreesWithBitwiseReferenceForAllLengthsAndOffsets() {
    SplittableRandom rnd = new SplittableRandom(42);
    byte[] data = random(rnd, 300);
    for (int off = 0; off < 9; off++) {
      for (int len = 0; off + len <= data.length; len += 1 + len / 7) {
        assertThat(Crc64.update(0, data, off, len))
            .as("off %d len %d", off, len)
            .isEqualTo(reference(data, off, len));
      }
    }
  }

  /**
   * Lengths around the 1 KiB stripes that the lanes work on (and well past them), at random offsets
   * and from random starting CRCs, through arrays, heap buffers and direct buffers.
   */
  @Test
  void agreesWithBitwiseReferenceAcrossStripesForArraysAndBuffers() {
    SplittableRandom rnd = new SplittableRandom(5);
    byte[] data = random(rnd, 20_000);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
    direct.put(data).clear();
    int[] lengths = {1016, 1023, 1024, 1025, 1031, 2047, 2048, 2049, 3072, 4103, 8192, 9999};
    for (int round = 0; round < 200; round++) {
      int len = round < lengths.length ? lengths[round] : rnd.nextInt(0, 12_000);
      int off = rnd.nextInt(0, data.length - len + 1);
      long start = rnd.nextLong();
      long expected = referenceFrom(start, data, off, len);
      assertThat(Crc64.update(start, data, off, len))
          .as("off %d len %d", off, len)
          .isEqualTo(expected);
      assertThat(Crc64.update(start, ByteBuffer.wrap(data, off, len)))
          .as("heap buffer off %d len %d", off, len)
          .isEqualTo(expected);
      assertThat(Crc64.update(start, direct.clear().position(off).limit(off + len)))
          .as("direct buffer off %d len %d", off, len)
          .isEqualTo(expected);
    }
  }

  /** The bitwise reference continued from a final CRC: un-invert, run, invert. */
  private static long referenceFrom(long crc, byte[] b, int off, int len) {
    long c = ~crc;
    for (int i = off; i < off + len; i++) {
      c ^= b[i] & 0xff;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
      }
    }
    return ~c;
  }

  @Test
  void continuationAcrossStripeBoundaries() {
    SplittableRandom rnd = new SplittableRandom(9);
    byte[] data = random(rnd, 70_000);
    long whole = crc(data);
    for (int round = 0; round < 100; round++) {
      int split = rnd.nextInt(0, data.length + 1);
      long first = Crc64.update(0, data, 0, split);
      assertThat(Crc64.update(first, data, split, data.length - split))
          .as("split %d", split)
          .isEqualTo(whole);
    }
  }

  @Test
  void incrementalUpdateEqualsWholeForRandomChunking() {
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] data = random(rnd, 10_000);
    long whole = crc(data);
    for (int round = 0; round < 20; round++) {
      long c = 0;
      int pos = 0;
      while (pos < data.length) {
        int n = Math.min(data.length - pos, rnd.nextInt(1, 700));
        c = Crc64.update(c, data, pos, n);
        pos += n;
      }
      assertThat(c).isEqualTo(whole);
    }
  }

  @Test
  void combineEqualsWholeForRandomSplits() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int round = 0; round < 50; round++) {
      byte[] data = random(rnd, rnd.nextInt(0, 5000));
      int split = data.length == 0 ? 0 : rnd.nextInt(0, data.length + 1);
      long a = Crc64.update(0, data, 0, split);
      long b = Crc64.update(0, data, split, data.length - split);
      assertThat(Crc64.combine(a, b, data.length - split)).isEqualTo(crc(data));
    }
  }

  /**
   * Lengths far past what can be checksummed in a test (5 GiB, 2^62 bytes) against zlib's method of
   * re-squaring the one-zero-bit operator on each call, written out here as the reference.
   */
  @Test
  void combineAgreesWithSquaringReferenceForHugeLengths() {
    SplittableRandom rnd = new SplittableRandom(13);
    long[] lengths = {1, 7, 8, 1023, 1 << 20, 5L << 30, (1L << 62) + 12345, Long.MAX_VALUE};
    for (long len : lengths) {
      long a = rnd.nextLong();
      long b = rnd.nextLong();
      assertThat(Crc64.combine(a, b, len)).as("len %d", len).isEqualTo(referenceCombine(a, b, len));
    }
    for (int round = 0; round < 200; round++) {
      long len = rnd.nextLong(1, Long.MAX_VALUE);
      long a = rnd.nextLong();
      long b = rnd.nextLong();
      assertThat(Crc64.combine(a, b, len)).as("len %d", len).isEqualTo(referenceCombine(a, b, len));
    }
  }

  private static long referenceCombine(long crc1, long crc2, long len2) {
    long[] even = new long[64];
    long[] odd = new long[64];
    odd[0] = 0xC96C5795D7870F42L;
    long row = 1;
    for (int n = 1; n < 64; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd);
    square(odd, even);
    long crc = crc1;
    long len = len2;
    do {
      square(even, odd);
      if ((len & 1) != 0) {
        crc = times(even, crc);
      }
      len >>>= 1;
      if (len == 0) {
        break;
      }
      square(odd, even);
      if ((len & 1) != 0) {
        crc = times(odd, crc);
      }
      len >>>= 1;
    } while (len != 0);
    return crc ^ crc2;
  }

  private static long times(long[] mat, long vec) {
    long sum = 0;
    for (int i = 0; vec != 0; i++, vec >>>= 1) {
      if ((vec & 1) != 0) {
        sum ^= mat[i];
      }
    }
    return sum;
  }

  private static void square(long[] square, long[] mat) {
    for (int n = 0; n < 64; n++) {
      square[n] = times(mat, mat[n]);
    }
  }

  @Test
  void combineWithEmptySecondPartIsFirst() {
    assertThat(Crc64.combine(crc(CHECK), 0, 0)).isEqualTo(crc(CHECK));
  }

  @Test
  void byteBufferPathsMatchArrayPathAndKeepPosition() {
    SplittableRandom rnd = new SplittableRandom(3);
    byte[] data = random(rnd, 4099);
    long expected = Crc64.update(0, data, 17, 4000);

    ByteBuffer heap = ByteBuffer.wrap(data);
    heap.position(17).limit(4017);
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
    direct.put(data).position(17).limit(4017);
    // A sliced heap buffer has a non-zero array offset.
    ByteBuffer slice = ByteBuffer.wrap(data, 10, 4089).slice().position(7).limit(4007);

    for (ByteBuffer buf : new ByteBuffer[] {heap, direct, slice}) {
      int pos = buf.position();
      assertThat(Crc64.update(0, buf)).isEqualTo(expected);
      assertThat(buf.position()).isEqualTo(pos);
    }
    assertThat(Crc64.update(Crc64.update(0, data, 0, 17), direct))
        .isEqualTo(Crc64.update(0, data, 0, 4017));
  }

  @Test
  void unsignedStringRoundTrips() {
    long c = crc(CHECK);
    assertThat(Crc64.parseUnsigned("11051210869376104954")).isEqualTo(c);
    assertThat(Crc64.parseUnsigned(Crc64.toUnsignedString(-1L))).isEqualTo(-1L);
    assertThat(Crc64.toUnsignedString(0)).isEqualTo("0");
    assertThatThrownBy(() -> Crc64.parseUnsigned("18446744073709551616"))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> Crc64.parseUnsigned("-1")).isInstanceOf(NumberFormatException.class);
  }
}
