package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.file.FileDataStore;
import dev.osprey.storage.rocks.RocksMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A {@link DefaultObjectService} over the real embedded stores in a temporary directory. */
abstract class ServiceTestBase {
  static final String BUCKET = "bkt";

  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T05:06:07.890123Z"));
  ObjectService service;

  /** The metadata store under {@link #service}, for tests that look beneath it. */
  MetadataStore metadata;

  /**
   * Opens the metadata backend under test over {@code dir} (the same directory again on reopen):
   * RocksDB here; another backend's module overrides it to run these service tests over its store.
   */
  protected MetadataStore openMetadata(Path dir) {
    return RocksMetadataStore.open(dir);
  }

  @BeforeEach
  void openService() {
    metadata = openMetadata(dataDir.resolve("meta"));
    service =
        new DefaultObjectService(metadata, FileDataStore.open(dataDir.resolve("blobs")), clock);
    service.createBucket(TestRecords.bucket(BUCKET));
  }

  @AfterEach
  void closeService() {
    if (service != null) {
      service.close();
    }
  }

  void reopen() {
    service.close();
    service = null;
    metadata = openMetadata(dataDir.resolve("meta")); // the layout EmbeddedStorage owns
    service =
        new DefaultObjectService(metadata, FileDataStore.open(dataDir.resolve("blobs")), clock);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static InputStream body(byte[] b) {
    return new ByteArrayInputStream(b);
  }

  static String md5Base64(byte[] b) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(b));
  }

  ObjectRecord put(String key, String content) {
    byte[] b = bytes(content);
    return service.putObject(
        new PutObjectCommand(BUCKET, key, b.length, null, TestRecords.plainAttributes(), false),
        body(b));
  }

  ObjectRecord append(String key, long position, String content) {
    byte[] b = bytes(content);
    return service.appendObject(
        new AppendObjectCommand(BUCKET, key, position, b.length, null, null), body(b));
  }

  /** Appends with an unknown length (chunked): the streaming path. */
  ObjectRecord appendChunked(String key, long position, String content) {
    return service.appendObject(
        new AppendObjectCommand(BUCKET, key, position, -1, null, null), body(bytes(content)));
  }

  static String readAll(OpenObject open) throws IOException {
    long size = open.object().size();
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    try (ReadableByteChannel ch = open.reader().read(0, size)) {
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // fill
      }
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
  }

  String content(String key) throws IOException {
    try (OpenObject open = service.openObject(BUCKET, key)) {
      return readAll(open);
    }
  }

  static long crc(byte[] b) {
    return Crc64.update(0, b, 0, b.length);
  }

  static OssException assertOssError(ThrowingCallable call, OssErrorCode code) {
    OssException[] caught = new OssException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            OssException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              caught[0] = e;
            });
    return caught[0];
  }

  /**
   * A body that fails the test if anyone reads it: proves a check happened before the body was
   * touched.
   */
  static InputStream untouchable() {
    return new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body must not be read");
      }
    };
  }
}
