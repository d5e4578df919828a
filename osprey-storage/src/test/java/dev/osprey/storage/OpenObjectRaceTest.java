package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.storage.file.FileDataStore;
import dev.osprey.storage.rocks.RocksMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * openObject when an overwrite deletes the blob between the metadata read and the open: the real
 * file store, with a hook that lets the overwrite happen at exactly that moment.
 */
class OpenObjectRaceTest {
  @TempDir Path dir;

  /** Delegates to a real store; runs {@code beforeNextOpen} once, just before an open. */
  private static final class HookedDataStore implements DataStore {
    private final DataStore real;
    Runnable beforeNextOpen;

    HookedDataStore(DataStore real) {
      this.real = real;
    }

    @Override
    public BlobWriter create() throws IOException {
      return real.create();
    }

    @Override
    public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
      return real.openForAppend(blobId, committedLength);
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
      Runnable hook = beforeNextOpen;
      beforeNextOpen = null;
      if (hook != null) {
        hook.run();
      }
      return real.open(blobId);
    }

    @Override
    public void delete(String blobId) throws IOException {
      real.delete(blobId);
    }

    @Override
    public Stream<StoredBlob> blobs() throws IOException {
      return real.blobs();
    }

    @Override
    public void close() {
      real.close();
    }
  }

  private static ObjectRecord put(ObjectService service, String content) {
    byte[] b = content.getBytes(StandardCharsets.UTF_8);
    return service.putObject(
        new PutObjectCommand("bkt", "k", b.length, null, null, false), new ByteArrayInputStream(b));
  }

  @Test
  void aBlobDeletedByARacingOverwriteIsRetriedWithTheNewRecord() throws IOException {
    HookedDataStore data = new HookedDataStore(FileDataStore.open(dir.resolve("blobs")));
    try (ObjectService service =
        new DefaultObjectService(
            RocksMetadataStore.open(dir.resolve("meta")), data, Clock.systemUTC())) {
      service.createBucket(TestRecords.bucket("bkt"));
      ObjectRecord old = put(service, "old");
      data.beforeNextOpen = () -> put(service, "newer");
      try (OpenObject open = service.openObject("bkt", "k")) {
        assertThat(open.object().blobId()).isNotEqualTo(old.blobId());
        ByteBuffer buf = ByteBuffer.allocate(16);
        try (ReadableByteChannel ch = open.reader().read(0, open.object().size())) {
          while (ch.read(buf) >= 0) {
            // drain
          }
        }
        assertThat(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8))
            .isEqualTo("newer");
      }
    }
  }

  @Test
  void embeddedStorageOwnsMetaAndBlobsUnderTheDataDirectory() {
    try (ObjectService service = EmbeddedStorage.open(dir)) {
      service.createBucket(TestRecords.bucket("bkt"));
      put(service, "x");
    }
    assertThat(Files.isDirectory(dir.resolve("meta"))).isTrue();
    assertThat(Files.isDirectory(dir.resolve("blobs"))).isTrue();
    try (ObjectService again = EmbeddedStorage.open(dir)) {
      assertThat(again.headObject("bkt", "k").size()).isEqualTo(1);
    }
  }
}
