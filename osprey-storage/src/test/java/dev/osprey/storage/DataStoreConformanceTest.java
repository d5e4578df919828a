package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link DataStore} backend must meet, append and crash leftovers included. A
 * backend's test extends this class and says how to open a store over a directory.
 */
public abstract class DataStoreConformanceTest {
  @TempDir protected Path dir;
  protected DataStore store;

  protected abstract DataStore open(Path dir);

  @BeforeEach
  void openStore() {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Creates, writes, syncs and closes a blob. */
  protected String blobOf(String content) throws IOException {
    try (BlobWriter w = store.create()) {
      w.write(ByteBuffer.wrap(bytes(content)));
      w.sync();
      return w.blobId();
    }
  }

  protected static String read(BlobReader reader, long offset, long length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) length + 16);
    try (ReadableByteChannel ch = reader.read(offset, length)) {
      while (ch.read(buf) >= 0) {
        // read until the region ends
      }
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  protected String readBlob(String blobId, long length) throws IOException {
    try (BlobReader r = store.open(blobId)) {
      return read(r, 0, length);
    }
  }

  @Test
  void writtenBytesReadBackAndRegionsAreBounded() throws IOException {
    try (BlobWriter w = store.create()) {
      w.write(ByteBuffer.wrap(bytes("hello ")));
      w.write(ByteBuffer.wrap(bytes("world")));
      assertThat(w.size()).isEqualTo(11);
      w.sync();
      try (BlobReader r = store.open(w.blobId())) {
        assertThat(read(r, 0, 11)).isEqualTo("hello world");
        assertThat(read(r, 6, 3)).isEqualTo("wor");
        assertThat(read(r, 11, 0)).isEmpty();
      }
    }
  }

  @Test
  void everyBlobGetsAFreshId() throws IOException {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ids.add(blobOf("x"));
    }
    assertThat(ids).hasSize(50);
  }

  @Test
  void appendContinuesAtTheCommittedLengthDiscardingLeftovers() throws IOException {
    String id = blobOf("committed-and-LEFTOVER");
    try (BlobWriter w = store.openForAppend(id, 9)) {
      assertThat(w.blobId()).isEqualTo(id);
      assertThat(w.size()).isEqualTo(9);
      w.write(ByteBuffer.wrap(bytes("+new")));
      assertThat(w.size()).isEqualTo(13);
      w.sync();
    }
    assertThat(readBlob(id, 13)).isEqualTo("committed+new");
  }

  @Test
  void abortDeletesANewBlob() throws IOException {
    String id;
    try (BlobWriter w = store.create()) {
      id = w.blobId();
      w.write(ByteBuffer.wrap(bytes("doomed")));
      w.abort();
    }
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void abortOfAnAppendKeepsTheCommittedPrefix() throws IOException {
    String id = blobOf("keep");
    try (BlobWriter w = store.openForAppend(id, 4)) {
      w.write(ByteBuffer.wrap(bytes("-drop")));
      w.abort();
      assertThat(w.size()).isEqualTo(4);
    }
    try (BlobWriter w = store.openForAppend(id, 4)) {
      w.write(ByteBuffer.wrap(bytes("!")));
      w.sync();
    }
    assertThat(readBlob(id, 5)).isEqualTo("keep!");
  }

  @Test
  void deleteDoesNotDisturbAnOpenReader() throws IOException {
    String id = blobOf("old generation");
    try (BlobReader r = store.open(id)) {
      store.delete(id);
      assertThat(read(r, 0, 14)).isEqualTo("old generation");
    }
    assertThatThrownBy(() -> store.open(id)).isInstanceOf(NoSuchFileException.class);
    store.delete(id); // missing blobs are ignored
  }

  @Test
  void blobsSurviveReopen() throws IOException {
    String id = blobOf("durable");
    store.close();
    store = open(dir);
    assertThat(readBlob(id, 7)).isEqualTo("durable");
  }

  @Test
  void blobsAreListedWithWhenTheyLastChanged() throws IOException {
    Instant before = Instant.now().minus(Duration.ofMinutes(1));
    String kept = blobOf("kept");
    String gone = blobOf("gone");
    store.delete(gone);
    List<StoredBlob> listed;
    try (Stream<StoredBlob> blobs = store.blobs()) {
      listed = blobs.toList();
    }
    assertThat(listed).extracting(StoredBlob::blobId).containsExactly(kept);
    Instant modified = listed.getFirst().lastModified();
    assertThat(modified).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
  }
}
