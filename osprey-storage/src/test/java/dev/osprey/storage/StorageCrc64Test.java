package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorageCrc64Test {
  private static long crc(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return StorageCrc64.update(0, b, 0, b.length);
  }

  @Test
  void checkValueMatchesCrc64Xz() {
    assertThat(crc("123456789")).isEqualTo(0x995DC9BBDF1939FAL);
    assertThat(Long.toUnsignedString(crc("123456789"))).isEqualTo("11051210869376104954");
  }

  @Test
  void emptyInputIsZero() {
    assertThat(crc("")).isZero();
  }

  @Test
  void continuingFromAFinalValueGivesTheCrcOfTheConcatenation() {
    byte[] b = "123456789".getBytes(StandardCharsets.UTF_8);
    long first = StorageCrc64.update(0, b, 0, 5);
    assertThat(StorageCrc64.update(first, b, 5, 4)).isEqualTo(0x995DC9BBDF1939FAL);

    byte[] random = new byte[10_000];
    new Random(7).nextBytes(random);
    long whole = StorageCrc64.update(0, random, 0, random.length);
    long running = 0;
    for (int off = 0; off < random.length; off += 937) {
      running = StorageCrc64.update(running, random, off, Math.min(937, random.length - off));
    }
    assertThat(running).isEqualTo(whole);
  }
}
