package dev.osprey.storage;

import dev.osprey.protocol.Crc64;
import dev.osprey.storage.file.FileDataStore;
import dev.osprey.storage.rocks.RocksMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real embedded stores with folding driven by the test (MANUAL mode) and hooks into the data
 * store, so every stage of a small append's life (committed in the tail, folding, folded) can be
 * looked at and raced deterministically.
 */
abstract class TailFoldTestBase {
  static final String BUCKET = "bkt";

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07.890Z"));
  HookedDataStore data;
  MetadataStore metadata;
  DefaultObjectService service;

  /** Delegates to a real store; runs a hook once around the next openForAppend. */
  static final class HookedDataStore implements DataStore {
    private final DataStore real;
    volatile Runnable beforeNextOpenForAppend;
    volatile Runnable afterNextOpenForAppend;

    HookedDataStore(DataStore real) {
      this.real = real;
    }

    @Override
    public BlobWriter create() throws IOException {
      return real.create();
    }

    @Override
    public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
      Runnable before = beforeNextOpenForAppend;
      beforeNextOpenForAppend = null;
      if (before != null) {
        before.run();
      }
      BlobWriter w = real.openForAppend(blobId, committedLength);
      Runnable after = afterNextOpenForAppend;
      afterNextOpenForAppend = null;
      if (after != null) {
        after.run();
      }
      return w;
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
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

  @BeforeEach
  void openService() {
    open(TailFolder.Mode.MANUAL);
    service.createBucket(TestRecords.bucket(BUCKET));
  }

  @AfterEach
  void closeService() {
    if (service != null) {
      service.close();
    }
  }

  /** Opens the metadata backend under test over {@code dir}: see ServiceTestBase#openMetadata. */
  protected MetadataStore openMetadata(Path dir) {
    return RocksMetadataStore.open(dir);
  }

  void open(TailFolder.Mode mode) {
    metadata = openMetadata(dir.resolve("meta"));
    data = new HookedDataStore(FileDataStore.open(dir.resolve("blobs")));
    service = new DefaultObjectService(metadata, data, clock, ObjectService.MAX_OBJECT_SIZE, mode);
  }

  /** Closes without folding anything (what a crash leaves of the tails) and opens again. */
  void reopen() {
    service.close();
    service = null;
    open(TailFolder.Mode.MANUAL);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  ObjectRecord append(String key, long position, String content) {
    byte[] b = bytes(content);
    return service.appendObject(
        new AppendObjectCommand(BUCKET, key, position, b.length, null, null),
        new ByteArrayInputStream(b));
  }

  /** Appends with an unknown length: always the blob path, the reference for CRC and ETag. */
  ObjectRecord appendChunked(String key, long position, String content) {
    return service.appendObject(
        new AppendObjectCommand(BUCKET, key, position, -1, null, null),
        new ByteArrayInputStream(bytes(content)));
  }

  ObjectRecord put(String key, String content) {
    byte[] b = bytes(content);
    return service.putObject(
        new PutObjectCommand(BUCKET, key, b.length, null, null, false),
        new ByteArrayInputStream(b));
  }

  static String read(OpenObject open, long offset, long length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) length + 1);
    try (ReadableByteChannel ch = open.reader().read(offset, length)) {
      while (ch.read(buf) >= 0) {
        // fill
      }
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  String content(String key) throws IOException {
    try (OpenObject open = service.openObject(BUCKET, key)) {
      return read(open, 0, open.object().size());
    }
  }

  ObjectState state(String key) {
    return metadata.getObjectWithTail(BUCKET, key).orElseThrow();
  }

  Path blobFile(String blobId) {
    return dir.resolve("blobs").resolve(blobId.substring(0, 2)).resolve(blobId);
  }

  String blobText(String key) throws IOException {
    return Files.readString(blobFile(state(key).object().blobId()));
  }

  List<Path> blobFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  static long crc(String s) {
    byte[] b = bytes(s);
    return Crc64.update(0, b, 0, b.length);
  }
}
