package dev.osprey.storage.rocks;

import dev.osprey.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads what {@link ValueWriter} wrote; any overrun or malformed varint is a corrupt record. */
final class ValueReader {
  private final byte[] buf;
  private int pos;

  ValueReader(byte[] buf) {
    this.buf = buf;
  }

  int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new StorageException("corrupt record: varint too long");
  }

  long readSignedVarLong() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  long readFixedLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (buf[pos++] & 0xFF);
    }
    return v;
  }

  String readString() {
    long n = readVarLong();
    if (n == 0) {
      return null;
    }
    int length = checkedLength(n - 1);
    need(length);
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** Fills {@code into} (which keeps its own order: sorted or insertion). */
  <M extends Map<String, String>> M readMap(M into) {
    int n = checkedLength(readVarLong());
    for (int i = 0; i < n; i++) {
      into.put(readString(), readString());
    }
    return into;
  }

  /** Whether every byte has been read: lets a decoder accept records without a later field. */
  boolean atEnd() {
    return pos == buf.length;
  }

  void expectEnd() {
    if (pos != buf.length) {
      throw new StorageException("corrupt record: " + (buf.length - pos) + " trailing bytes");
    }
  }

  private int checkedLength(long n) {
    if (n < 0 || n > buf.length - pos) {
      throw new StorageException("corrupt record: bad length " + n);
    }
    return (int) n;
  }

  private void need(int n) {
    if (pos + n > buf.length) {
      throw new StorageException("corrupt record: truncated");
    }
  }
}
