package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.storage.file.FileDataStore;
import dev.osprey.storage.rocks.RocksMetadataStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orphan collector over the real stores, with a clock the test moves: orphans go after the
 * grace period and not before; nothing a record names, nothing with an open writer, is touched.
 */
class OrphanCollectionTest {
  private static final Duration GRACE = Duration.ofMinutes(5);
  private static final String BUCKET = "bkt";

  /** The file store, with deletes that can be made to fail (a full disk, a permission). */
  private static final class FailingDeletes implements DataStore {
    private final DataStore real;
    volatile boolean failDeletes;

    FailingDeletes(DataStore real) {
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
      return real.open(blobId);
    }

    @Override
    public void delete(String blobId) throws IOException {
      if (failDeletes) {
        throw new IOException("simulated failure to delete " + blobId);
      }
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

  @TempDir Path dir;
  // File times are real: the clock starts now and only moves forward by hand.
  private final MutableClock clock = new MutableClock(Instant.now());
  private FailingDeletes data;
  private DefaultObjectService service;

  @BeforeEach
  void open() {
    data = new FailingDeletes(FileDataStore.open(dir.resolve("blobs")));
    service =
        new DefaultObjectService(
            RocksMetadataStore.open(dir.resolve("meta")),
            data,
            clock,
            new DefaultObjectService.Options(
                ObjectService.MAX_OBJECT_SIZE,
                TailFolder.Mode.MANUAL,
                new OrphanCollection(GRACE, Duration.ofHours(1))));
    service.createBucket(TestRecords.bucket(BUCKET));
  }

  @AfterEach
  void close() {
    service.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private ObjectRecord put(String key, String content) {
    byte[] b = bytes(content);
    return service.putObject(
        new PutObjectCommand(BUCKET, key, b.length, null, TestRecords.plainAttributes(), false),
        new ByteArrayInputStream(b));
  }

  private ObjectRecord append(String key, long position, String content) {
    byte[] b = bytes(content);
    return service.appendObject(
        new AppendObjectCommand(BUCKET, key, position, b.length, null, null),
        new ByteArrayInputStream(b));
  }

  /** A blob written and synced whose commit never happened: what a crash leaves. */
  private String crashedWrite() throws IOException {
    try (BlobWriter w = data.create()) {
      w.write(ByteBuffer.wrap(bytes("never committed")));
      w.sync();
      return w.blobId();
    }
  }

  private Set<String> blobsOnDisk() throws IOException {
    try (Stream<StoredBlob> blobs = data.blobs()) {
      return new TreeSet<>(blobs.map(StoredBlob::blobId).toList());
    }
  }

  private String content(String key) throws IOException {
    try (OpenObject open = service.openObject(BUCKET, key)) {
      ByteBuffer buf = ByteBuffer.allocate((int) open.object().size());
      try (var ch = open.reader().read(0, open.object().size())) {
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // fill
        }
      }
      return new String(buf.array(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anOrphanIsCollectedAfterTheGracePeriodAndNotBefore() throws IOException {
    ObjectRecord live = put("live", "kept");
    String orphan = crashedWrite();
    assertThat(service.collector().collectOnce()).isZero();
    clock.advance(GRACE.minusSeconds(30));
    assertThat(service.collector().collectOnce()).as("still within the grace").isZero();
    assertThat(blobsOnDisk()).contains(orphan);

    clock.advance(Duration.ofMinutes(1));
    assertThat(service.collector().collectOnce()).isEqualTo(1);
    assertThat(blobsOnDisk()).containsExactly(live.blobId());
    assertThat(content("live")).isEqualTo("kept");
  }

  @Test
  void aReplacedGenerationWhoseDeleteFailedIsCollected() throws IOException {
    ObjectRecord first = put("k", "first");
    data.failDeletes = true; // the overwrite commits, then cannot delete the old blob
    ObjectRecord second = put("k", "second");
    data.failDeletes = false;
    assertThat(blobsOnDisk()).containsExactlyInAnyOrder(first.blobId(), second.blobId());
    clock.advance(GRACE.plusMinutes(1));
    assertThat(service.collector().collectOnce()).isEqualTo(1);
    assertThat(blobsOnDisk()).containsExactly(second.blobId());
    assertThat(content("k")).isEqualTo("second");
  }

  @Test
  void aBlobWithAnOpenWriterIsNeverCollectedHoweverOld() throws IOException {
    try (BlobWriter slow = service.dataStore().create()) {
      slow.write(ByteBuffer.wrap(bytes("a very slow upload")));
      clock.advance(GRACE.multipliedBy(10));
      assertThat(service.collector().collectOnce()).isZero();
      assertThat(blobsOnDisk()).contains(slow.blobId());
      slow.abort();
    }
  }

  @Test
  void everyOperationLeavesExactlyTheNamedBlobsAndCollectionKeepsThemAll() throws IOException {
    put("put", "one");
    put("put", "two"); // overwrite
    put("gone", "x");
    service.deleteObject(BUCKET, "gone");
    append("app", 0, "created-in-a-blob");
    append("app", 17, "+tail");
    service.folder().foldQueued();
    append("app", 22, "+tail-left-unfolded");
    service.copyObject(
        new CopyObjectCommand(
            BUCKET, "put", BUCKET, "copy", source -> {}, UnaryOperator.identity(), false));
    UploadRecord u =
        service.initiateMultipartUpload(
            new InitiateUploadCommand(BUCKET, "mp", TestRecords.plainAttributes(), false));
    PartRecord replaced = uploadPart(u, 1, "first try");
    uploadPart(u, 1, "second");
    PartRecord kept = uploadPart(u, 2, "kept");
    UploadRecord aborted =
        service.initiateMultipartUpload(
            new InitiateUploadCommand(BUCKET, "ab", TestRecords.plainAttributes(), false));
    uploadPart(aborted, 1, "aborted");
    service.abortMultipartUpload(BUCKET, "ab", aborted.uploadId());

    Set<String> named = new TreeSet<>();
    for (ObjectRecord o : service.metadata().listObjects(BUCKET, null, null, 100)) {
      named.add(o.blobId());
    }
    for (PartRecord p : service.metadata().listParts(u, 0, 100)) {
      named.add(p.blobId());
    }
    assertThat(named).contains(kept.blobId()).doesNotContain(replaced.blobId());
    assertThat(blobsOnDisk()).isEqualTo(named);
    for (String blob : named) {
      assertThat(service.metadata().isBlobReferenced(blob)).as(blob).isTrue();
    }
    clock.advance(GRACE.multipliedBy(100));
    assertThat(service.collector().collectOnce()).isZero();
    assertThat(content("app")).isEqualTo("created-in-a-blob+tail+tail-left-unfolded");
    assertThat(content("copy")).isEqualTo("two");
  }

  private PartRecord uploadPart(UploadRecord u, int number, String content) {
    byte[] b = bytes(content);
    return service.uploadPart(
        new UploadPartCommand(BUCKET, u.key(), u.uploadId(), number, b.length, null),
        new ByteArrayInputStream(b));
  }

  @Test
  void aCompletedUploadLeavesOnlyTheObjectsBlob() throws IOException {
    UploadRecord u =
        service.initiateMultipartUpload(
            new InitiateUploadCommand(BUCKET, "mp", TestRecords.plainAttributes(), false));
    PartRecord p = uploadPart(u, 1, "only part");
    ObjectRecord done =
        service.completeMultipartUpload(
            new CompleteUploadCommand(
                BUCKET,
                "mp",
                u.uploadId(),
                List.of(new CompleteUploadCommand.CompletedPart(1, p.etag())),
                null,
                false));
    assertThat(blobsOnDisk()).containsExactly(done.blobId());
    assertThat(service.metadata().isBlobReferenced(p.blobId())).isFalse();
  }
}
