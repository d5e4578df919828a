package dev.osprey.storage.s3;

import static dev.osprey.storage.s3.S3ChunkTest.MIB;
import static dev.osprey.storage.s3.S3ChunkTest.appendAll;
import static dev.osprey.storage.s3.S3ChunkTest.concat;
import static dev.osprey.storage.s3.S3ChunkTest.random;
import static dev.osprey.storage.s3.S3ChunkTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compactor and the delayed deletes, against S3Mock: merges keep every offset and byte, readers
 * that opened before keep reading, deleted blobs are purged after their delay even across a
 * restart.
 */
class S3CompactionTest {
  private final String prefix = "compaction/" + UUID.randomUUID() + "/";
  private final List<S3DataStore> opened = new ArrayList<>();

  private S3DataStore open(S3Settings.Sizes sizes, Duration deleteDelay) {
    S3DataStore s =
        S3DataStore.open(
            S3MockServer.shared().settings(prefix).withSizes(sizes).withDeleteDelay(deleteDelay));
    opened.add(s);
    return s;
  }

  private static S3Settings.Sizes small(int compactAfter) {
    return new S3Settings.Sizes(
        S3Settings.AWS_MIN_PART_SIZE, S3Settings.AWS_MIN_PART_SIZE, compactAfter);
  }

  @AfterEach
  void close() {
    opened.forEach(S3DataStore::close);
  }

  private static List<byte[]> pieces(int n, int size) {
    return Stream.iterate(0, i -> i + 1).limit(n).map(i -> random(size + i, 100 + i)).toList();
  }

  @Test
  void aMergeKeepsEveryOffsetAndByte() throws Exception {
    S3DataStore store = open(small(1000), Duration.ZERO);
    List<byte[]> pieces = pieces(25, 40);
    String id = appendAll(store, pieces);
    byte[] all = concat(pieces);
    assertThat(store.compact(id, all.length)).isTrue();

    ChunkMap map = store.chunks().list(id);
    assertThat(map.chunks()).as("replaced chunks deleted (no delay here)").hasSize(1);
    assertThat(map.chunks().getFirst().start()).isZero();
    assertThat(map.chunks().getFirst().end()).isEqualTo(all.length);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, all.length)).isEqualTo(all);
      assertThat(read(r, 333, 100)).isEqualTo(Arrays.copyOfRange(all, 333, 433));
    }
    // Appends go on after the merged chunk, at the same offsets.
    try (BlobWriter w = store.openForAppend(id, all.length)) {
      w.write(ByteBuffer.wrap(random(9, 1)));
      w.sync();
    }
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, all.length, 9)).isEqualTo(random(9, 1));
    }
    assertThat(store.compact(id, all.length)).as("one chunk: nothing to merge").isFalse();
  }

  @Test
  void largeChunksAreMergedWithServerSideCopies() throws Exception {
    S3DataStore store = open(small(1000), Duration.ZERO);
    List<byte[]> pieces =
        List.of(random(11 * MIB, 1), random(100, 2), random(10 * MIB + 1, 3), random(77, 4));
    String id = appendAll(store, pieces);
    byte[] all = concat(pieces);
    long before = store.chunks().copiedParts();
    assertThat(store.compact(id, all.length)).isTrue();
    assertThat(store.chunks().copiedParts() - before).isGreaterThanOrEqualTo(2);
    assertThat(store.chunks().list(id).chunks()).hasSize(1);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, all.length)).isEqualTo(all);
    }
  }

  @Test
  void appendsPastTheThresholdAreMergedInTheBackground() throws Exception {
    S3DataStore store = open(small(4), Duration.ZERO);
    List<byte[]> pieces = pieces(10, 20);
    String id = appendAll(store, pieces);
    store.drain();
    byte[] all = concat(pieces);
    assertThat(store.chunks().list(id).chunks().size()).isLessThan(10);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, all.length)).isEqualTo(all);
    }
  }

  @Test
  void aMergeNeverTakesInBytesPastTheCommittedLength() throws Exception {
    S3DataStore store = open(small(1000), Duration.ZERO);
    List<byte[]> pieces = pieces(5, 10);
    String id = appendAll(store, pieces);
    long committed = concat(pieces).length;
    try (BlobWriter w = store.openForAppend(id, committed)) {
      w.write(ByteBuffer.wrap(random(30, 7))); // never acknowledged
      w.sync();
    }
    assertThat(store.compact(id, committed)).isTrue();
    ChunkMap map = store.chunks().list(id);
    assertThat(map.chunks()).extracting(Chunk::end).contains(committed, committed + 30);
    try (BlobWriter w = store.openForAppend(id, committed)) {
      assertThat(store.chunks().list(id).chunks())
          .extracting(Chunk::end)
          .containsExactly(committed);
      w.abort();
    }
  }

  @Test
  void aReaderThatOpenedBeforeAMergeKeepsReadingWhileMergesRun() throws Exception {
    // No delete delay: the reader's chunks vanish under it, and it must find the merged ones.
    S3DataStore store = open(small(1000), Duration.ZERO);
    List<byte[]> pieces = new ArrayList<>(pieces(8, 50));
    String id = appendAll(store, pieces);
    byte[] first = concat(pieces);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (BlobReader r = store.open(id)) {
      Future<Integer> reads =
          pool.submit(
              () -> {
                Random rnd = new Random(3);
                int n = 0;
                while (!stop.get() || n < 20) {
                  int from = rnd.nextInt(first.length);
                  int len = rnd.nextInt(first.length - from + 1);
                  byte[] got = read(r, from, len);
                  if (!Arrays.equals(got, Arrays.copyOfRange(first, from, from + len))) {
                    throw new AssertionError("torn read at " + from + "+" + len);
                  }
                  n++;
                }
                return n;
              });
      long length = first.length;
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 3; i++) {
          byte[] more = random(31, round * 10L + i);
          pieces.add(more);
          try (BlobWriter w = store.openForAppend(id, length)) {
            w.write(ByteBuffer.wrap(more));
            w.sync();
            length = w.size();
          }
        }
        assertThat(store.compact(id, length)).isTrue();
      }
      stop.set(true);
      assertThat(reads.get()).isGreaterThanOrEqualTo(20);
      byte[] all = concat(pieces);
      assertThat(read(r, 0, first.length)).isEqualTo(first);
      try (BlobReader fresh = store.open(id)) {
        assertThat(read(fresh, 0, all.length)).isEqualTo(all);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
  }

  @Test
  void replacedChunksStayForReadersUntilTheDelayAndAreCollectedLater() throws Exception {
    S3DataStore store = open(small(1000), Duration.ofHours(1));
    List<byte[]> pieces = pieces(6, 10);
    String id = appendAll(store, pieces);
    long length = concat(pieces).length;
    assertThat(store.compact(id, length)).isTrue();
    assertThat(store.chunks().list(id).chunks()).as("old chunks kept for readers").hasSize(7);
    store.close();
    // After a restart the timer is gone; the next append finds the replaced chunks and deletes
    // them (no delay in this store).
    S3DataStore restarted = open(small(1000), Duration.ZERO);
    try (BlobWriter w = restarted.openForAppend(id, length)) {
      w.abort();
    }
    restarted.drain();
    assertThat(restarted.chunks().list(id).chunks()).hasSize(1);
    try (BlobReader r = restarted.open(id)) {
      assertThat(read(r, 0, length)).isEqualTo(concat(pieces));
    }
  }

  @Test
  void deletedBlobsArePurgedAfterTheirDelayEvenAcrossARestart() throws Exception {
    S3DataStore store = open(small(1000), Duration.ofHours(1));
    String id = appendAll(store, pieces(3, 10));
    try (BlobReader r = store.open(id)) {
      store.delete(id);
      assertThat(read(r, 0, 10)).isEqualTo(random(10, 100));
    }
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> store.openForAppend(id, 10)).isInstanceOf(NoSuchFileException.class);
    assertThat(store.sweep()).as("not yet due").isZero();
    assertThat(store.chunks().list(id).chunks()).hasSize(3);
    store.close();

    S3DataStore restarted = open(small(1000), Duration.ZERO);
    assertThat(restarted.sweep()).isEqualTo(1);
    ChunkMap map = restarted.chunks().list(id);
    assertThat(map.chunks()).isEmpty();
    assertThat(map.deleted()).as("tombstone removed last").isFalse();
  }
}
