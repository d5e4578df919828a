package dev.osprey.cli.bench;

import dev.osprey.protocol.Crc64;
import java.util.SplittableRandom;

/**
 * One writer's object contents: random bytes, reused for every request, with the first 8 bytes set
 * to the object number so that objects differ (a server that answers with another object's bytes
 * fails the CRC-64 check).
 */
final class Payload {
  final byte[] bytes;

  Payload(int size, long seed) {
    bytes = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
  }

  /** Marks the buffer as object {@code n}'s contents and returns their CRC-64. */
  long mark(long n) {
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      bytes[i] = (byte) (n >>> (8 * i));
    }
    return Crc64.update(0, bytes, 0, bytes.length);
  }
}
