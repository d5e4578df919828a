package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Invariants 2 and 3 of ARCHITECTURE.md under real concurrency. */
class ConcurrentAppendTest extends ServiceTestBase {
  private static final int CHUNK = 16;

  /**
   * A 16-byte chunk naming its writer and sequence number, so the final object can be parsed back.
   */
  private static String chunk(int writer, int seq) {
    return String.format("[w%02d-seq%06d]\n", writer, seq).substring(0, CHUNK);
  }

  @Test
  void racingAppendersEachLandEveryChunkExactlyOnce() throws Exception {
    int writers = 8;
    int perWriter = 40;
    AtomicInteger conflicts = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  long position = 0;
                  for (int s = 0; s < perWriter; s++) {
                    while (true) {
                      try {
                        position = append("shared", position, chunk(writer, s)).size();
                        break;
                      } catch (OssException e) {
                        assertThat(e.code()).isEqualTo(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                        position = Long.parseLong(e.headers().get("x-oss-next-append-position"));
                        conflicts.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    String all = content("shared");
    assertThat(all).hasSize(writers * perWriter * CHUNK);
    Set<String> seen = new HashSet<>();
    for (int off = 0; off < all.length(); off += CHUNK) {
      assertThat(seen.add(all.substring(off, off + CHUNK)))
          .as("duplicate chunk at %d", off)
          .isTrue();
    }
    for (int w = 0; w < writers; w++) {
      for (int s = 0; s < perWriter; s++) {
        assertThat(seen).contains(chunk(w, s));
      }
    }
    assertThat(service.headObject(BUCKET, "shared").crc64()).isEqualTo(crc(bytes(all)));
    assertThat(conflicts.get()).as("the writers really raced").isPositive();
  }

  @Test
  void aReaderDuringAppendsSeesAPrefixMadeOfWholeAppends() throws Exception {
    int appends = 200;
    append("log", 0, chunk(0, 0));
    AtomicBoolean done = new AtomicBoolean();
    try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  long position = CHUNK;
                  for (int s = 1; s < appends; s++) {
                    position = append("log", position, chunk(0, s)).size();
                  }
                } finally {
                  done.set(true);
                }
                return null;
              });
      int reads = 0;
      while (!done.get() || reads == 0) {
        try (OpenObject open = service.openObject(BUCKET, "log")) {
          String seen = readAll(open);
          assertThat(seen.length()).isEqualTo(open.object().size());
          assertThat(seen.length() % CHUNK).isZero();
          for (int s = 0; s < seen.length() / CHUNK; s++) {
            assertThat(seen.substring(s * CHUNK, (s + 1) * CHUNK)).isEqualTo(chunk(0, s));
          }
          assertThat(open.object().crc64()).isEqualTo(crc(bytes(seen)));
        }
        reads++;
      }
      writer.get();
    }
    assertThat(content("log")).hasSize(appends * CHUNK);
  }
}
