package dev.osprey.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.StoredBlob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chunk layout itself, against S3Mock: one chunk per synced append, multipart for large writes,
 * unacknowledged chunks ignored and collected, ranges that cross chunks, server-side copy.
 */
class S3ChunkTest {
  static final int MIB = 1 << 20;

  private final String prefix = "chunks/" + UUID.randomUUID() + "/";
  private S3DataStore store;

  private S3DataStore open(S3Settings.Sizes sizes, Duration deleteDelay) {
    store =
        S3DataStore.open(
            S3MockServer.shared().settings(prefix).withSizes(sizes).withDeleteDelay(deleteDelay));
    return store;
  }

  private S3DataStore open() {
    return open(
        new S3Settings.Sizes(S3Settings.AWS_MIN_PART_SIZE, S3Settings.AWS_MIN_PART_SIZE, 1000),
        Duration.ofMinutes(5));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] read(BlobReader r, long offset, long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(8192);
    try (ReadableByteChannel ch = r.read(offset, length)) {
      while (ch.read(buf) >= 0) {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
      }
    }
    return out.toByteArray();
  }

  /** Appends each piece as its own write+sync, the way one acknowledged append does. */
  static String appendAll(S3DataStore s, List<byte[]> pieces) throws IOException {
    String id;
    try (BlobWriter w = s.create()) {
      w.write(ByteBuffer.wrap(pieces.getFirst()));
      w.sync();
      id = w.blobId();
    }
    long length = pieces.getFirst().length;
    for (byte[] p : pieces.subList(1, pieces.size())) {
      try (BlobWriter w = s.openForAppend(id, length)) {
        w.write(ByteBuffer.wrap(p));
        w.sync();
        length = w.size();
      }
    }
    return id;
  }

  static byte[] concat(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void eachSyncedAppendIsOneChunkAndRangesCrossThem() throws IOException {
    open();
    List<byte[]> pieces =
        Stream.iterate(1, i -> i + 1).limit(12).map(i -> random(i * 37, i)).toList();
    String id = appendAll(store, pieces);
    byte[] all = concat(pieces);

    ChunkMap map = store.chunks().list(id);
    assertThat(map.chunks()).hasSize(12);
    long at = 0;
    for (int i = 0; i < 12; i++) {
      assertThat(map.chunks().get(i).start()).isEqualTo(at);
      at += pieces.get(i).length;
      assertThat(map.chunks().get(i).end()).isEqualTo(at);
    }
    Random rnd = new Random(7);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, all.length)).isEqualTo(all);
      for (int i = 0; i < 15; i++) {
        int from = rnd.nextInt(all.length);
        int len = rnd.nextInt(all.length - from + 1);
        assertThat(read(r, from, len))
            .as("range %d+%d", from, len)
            .isEqualTo(Arrays.copyOfRange(all, from, from + len));
      }
    }
  }

  @Test
  void aWriteLargerThanAPartIsOneMultipartChunk() throws IOException {
    open();
    byte[] big = random(7 * MIB + 123, 1);
    String id;
    try (BlobWriter w = store.create()) {
      // Uneven writes, as a request body arrives.
      for (int at = 0; at < big.length; at += 300_001) {
        w.write(ByteBuffer.wrap(big, at, Math.min(300_001, big.length - at)));
      }
      w.sync();
      id = w.blobId();
    }
    ChunkMap map = store.chunks().list(id);
    assertThat(map.chunks()).hasSize(1);
    assertThat(map.chunks().getFirst().length()).isEqualTo(big.length);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, big.length)).isEqualTo(big);
      assertThat(read(r, 5 * MIB - 10, 20))
          .isEqualTo(Arrays.copyOfRange(big, 5 * MIB - 10, 5 * MIB + 10));
    }
  }

  @Test
  void chunksPastTheCommittedLengthAreNeverReadAndAreCollectedByTheNextAppend() throws IOException {
    open();
    String id = appendAll(store, List.of(random(100, 1)));
    // An append that S3 stored but metadata never acknowledged (the node died before its commit).
    try (BlobWriter w = store.openForAppend(id, 100)) {
      w.write(ByteBuffer.wrap(random(50, 2)));
      w.sync();
    }
    assertThat(store.chunks().list(id).chunks()).hasSize(2);
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 0, 100)).isEqualTo(random(100, 1));
    }
    byte[] acknowledged = random(70, 3);
    try (BlobWriter w = store.openForAppend(id, 100)) {
      assertThat(store.chunks().list(id).chunks()).as("leftover deleted").hasSize(1);
      w.write(ByteBuffer.wrap(acknowledged));
      w.sync();
    }
    try (BlobReader r = store.open(id)) {
      assertThat(read(r, 100, 70)).isEqualTo(acknowledged);
    }
  }

  @Test
  void anAppendBeyondWhatTheBlobHoldsIsRefused() throws IOException {
    open();
    String id = appendAll(store, List.of(random(10, 1)));
    assertThatThrownBy(() -> store.openForAppend(id, 11)).isInstanceOf(IOException.class);
  }

  @Test
  void aCopyFromAnotherBlobCopiesLargePiecesServerSide() throws IOException {
    open();
    List<byte[]> pieces = List.of(random(11 * MIB, 1), random(1000, 2), random(10 * MIB + 7, 3));
    String source = appendAll(store, pieces);
    byte[] all = concat(pieces);
    long copiedBefore = store.chunks().copiedParts();
    String target;
    try (BlobReader r = store.open(source);
        BlobWriter w = store.create()) {
      w.write(ByteBuffer.wrap(random(10, 9)));
      w.transferFrom(r, 1, all.length - 1);
      w.sync();
      target = w.blobId();
    }
    assertThat(store.chunks().copiedParts() - copiedBefore).isGreaterThanOrEqualTo(2);
    byte[] expected = new byte[10 + all.length - 1];
    System.arraycopy(random(10, 9), 0, expected, 0, 10);
    System.arraycopy(all, 1, expected, 10, all.length - 1);
    try (BlobReader r = store.open(target)) {
      assertThat(read(r, 0, expected.length)).isEqualTo(expected);
    }
  }

  @Test
  void blobsListsEveryBlobOnceWithItsNewestChunk() throws IOException {
    open();
    String a = appendAll(store, List.of(random(5, 1), random(5, 2), random(5, 3)));
    String b = appendAll(store, List.of(random(5, 4)));
    String gone = appendAll(store, List.of(random(5, 5)));
    store.delete(gone);
    List<StoredBlob> listed;
    try (Stream<StoredBlob> blobs = store.blobs()) {
      listed = blobs.toList();
    }
    assertThat(listed).extracting(StoredBlob::blobId).containsExactlyInAnyOrder(a, b);
    Instant newestOfA =
        store.chunks().list(a).chunks().stream()
            .map(Chunk::lastModified)
            .max(Instant::compareTo)
            .orElseThrow();
    assertThat(
            listed.stream()
                .filter(s -> s.blobId().equals(a))
                .findFirst()
                .orElseThrow()
                .lastModified())
        .isEqualTo(newestOfA);
  }
}
