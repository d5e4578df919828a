package dev.osprey.storage.rocks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Appends the primitives of the record encoding: varints, fixed longs, length-prefixed nullable
 * strings.
 */
final class ValueWriter {
  private byte[] buf = new byte[128];
  private int len;

  ValueWriter writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  /** Unsigned LEB128. */
  ValueWriter writeVarLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** Zig-zag so that small negative values (times before 1970) stay short. */
  ValueWriter writeSignedVarLong(long v) {
    return writeVarLong((v << 1) ^ (v >> 63));
  }

  ValueWriter writeFixedLong(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Length + 1, then UTF-8 bytes; length 0 stands for null. */
  ValueWriter writeString(String s) {
    if (s == null) {
      return writeVarLong(0);
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarLong(b.length + 1L);
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  ValueWriter writeMap(Map<String, String> map) {
    writeVarLong(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(e.getKey());
      writeString(e.getValue());
    }
    return this;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
