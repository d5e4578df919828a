package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The background folder racing appends, reads, overwrites and deletes of one object: every read is
 * a whole committed state, and once everything stops only the live generation's blob is left.
 */
class TailConcurrencyTest extends TailFoldTestBase {
  private static final int CHUNK = 16;
  private static final int ROUNDS = 16;
  private static final int APPENDS_PER_ROUND = 30;

  /** 16 bytes naming the round (generation) and the sequence number inside it. */
  private static String chunk(int round, int seq) {
    return String.format("<r%03d-s%07d>\n", round, seq).substring(0, CHUNK);
  }

  private static String chunks(int round, int count) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < count; s++) {
      sb.append(chunk(round, s));
    }
    return sb.toString();
  }

  @Test
  void foldsRacingAppendsReadsOverwritesAndDeletesKeepEveryReadWhole() throws Exception {
    service.close();
    open(TailFolder.Mode.BACKGROUND);
    AtomicBoolean done = new AtomicBoolean();
    int expectedFinal;
    try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
      Future<Integer> writer = pool.submit(() -> writeRounds(done));
      int reads = 0;
      boolean sawFold = false;
      while (!done.get() || reads == 0) {
        try (OpenObject open = service.openObject(BUCKET, "log")) {
          assertWholeState(read(open, 0, open.object().size()));
          sawFold |= open.reader().foldedLength() > CHUNK; // past the blob-path first append
          reads++;
        } catch (OssException e) {
          assertThat(e.code()).isEqualTo(OssErrorCode.NO_SUCH_KEY); // between delete and append
        }
      }
      expectedFinal = writer.get();
      assertThat(sawFold).as("the folder really raced the readers").isTrue();
    }
    assertThat(content("log")).isEqualTo(chunks(ROUNDS - 1, expectedFinal));
    service.close();
    service = null;
    open(TailFolder.Mode.MANUAL);
    service.folder().foldQueued();
    assertThat(content("log")).isEqualTo(chunks(ROUNDS - 1, expectedFinal));
    assertThat(blobFiles()).hasSize(1);
    assertThat(metadata.objectsWithTail()).isEmpty();
  }

  /** Each round starts a generation (PUT of two chunks, or delete + first append), then appends. */
  private int writeRounds(AtomicBoolean done) {
    try {
      int count = 0;
      for (int round = 0; round < ROUNDS; round++) {
        if (round % 2 == 0) {
          put("log", chunks(round, 2));
          // a PUT object is Normal: start an appendable one from it by delete + append
          service.deleteObject(BUCKET, "log");
        } else {
          service.deleteObject(BUCKET, "log");
        }
        append("log", 0, chunk(round, 0));
        count = 1;
        for (int s = 1; s < APPENDS_PER_ROUND; s++) {
          count = (int) (append("log", (long) s * CHUNK, chunk(round, s)).size() / CHUNK);
        }
      }
      return count;
    } finally {
      done.set(true);
    }
  }

  /** A whole state: the first n chunks of one round, nothing else. */
  private static void assertWholeState(String seen) {
    assertThat(seen.length() % CHUNK).as(seen).isZero();
    if (seen.isEmpty()) {
      return;
    }
    int round = Integer.parseInt(seen.substring(2, 5));
    assertThat(seen).isEqualTo(chunks(round, seen.length() / CHUNK));
  }
}
