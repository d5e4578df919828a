package dev.osprey.storage.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.DataStore;
import dev.osprey.storage.DataStoreConformanceTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileDataStoreTest extends DataStoreConformanceTest {
  @Override
  protected DataStore open(Path dir) {
    return FileDataStore.open(dir);
  }

  @Test
  void blobsAreShardedFilesNamedByRandomHexIds() throws IOException {
    String id = blobOf("abc");
    assertThat(id).matches("[0-9a-f]{32}");
    Path file = dir.resolve(id.substring(0, 2)).resolve(id);
    assertThat(file).exists().hasSize(3);
    try (var shards = Files.list(dir)) {
      assertThat(shards.count()).isEqualTo(256);
    }
  }

  @Test
  void readerExposesItsFileChannelForZeroCopy() throws IOException {
    String id = blobOf("zero-copy");
    try (BlobReader r = store.open(id)) {
      assertThat(r.fileChannel()).isNotNull();
      assertThat(r.fileChannel().size()).isEqualTo(9);
    }
  }

  @Test
  void abortedAppendTruncatesTheFileBack() throws IOException {
    String id = blobOf("base");
    Path file = dir.resolve(id.substring(0, 2)).resolve(id);
    try (BlobWriter w = store.openForAppend(id, 4)) {
      w.write(ByteBuffer.wrap(bytes("tail")));
      assertThat(file).hasSize(8);
      w.abort();
    }
    assertThat(file).hasSize(4);
  }

  @Test
  void openForAppendRefusesABlobShorterThanItsCommittedLength() throws IOException {
    String id = blobOf("ab");
    assertThatThrownBy(() -> store.openForAppend(id, 5)).isInstanceOf(IOException.class);
  }

  @Test
  void idsThatAreNotBlobIdsNeverBecomePaths() {
    assertThatThrownBy(() -> store.open("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
