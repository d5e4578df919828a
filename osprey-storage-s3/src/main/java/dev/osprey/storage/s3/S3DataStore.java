package dev.osprey.storage.s3;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.DataStore;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.StoredBlob;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Blobs in an S3-compatible bucket, each a set of immutable chunk objects under {@code
 * <prefix><blobId>/} (see {@link Chunk} for the key), plus a {@code deleted} tombstone once the
 * blob is deleted. The layout and what it asks of S3 are in docs/architecture.md ("Data in S3").
 *
 * <ul>
 *   <li>A writer uploads the bytes written since its last sync as one new chunk when it syncs
 *       (multipart when they exceed a part), so a 200 follows S3's own 200.
 *   <li>{@link #openForAppend} learns that {@code [0, committedLength)} is committed: it deletes
 *       chunks past it (an append that metadata never acknowledged), and when the committed prefix
 *       is spread over too many chunks it asks the compactor to merge them.
 *   <li>The compactor writes one chunk holding the committed prefix (server-side UploadPartCopy for
 *       large chunks) and deletes the chunks it replaces only after the delete delay, so a reader
 *       that listed them before keeps reading; offsets and bytes do not change.
 *   <li>{@link #delete} writes the tombstone (readers that opened before keep reading); the chunks
 *       go after the delete delay, by a timer or, after a restart, by the periodic sweep.
 * </ul>
 *
 * <p>One writer per blob at a time, as with the file store: the metadata layer serializes appends
 * to an object.
 */
public final class S3DataStore implements DataStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3DataStore.class);
  private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final HexFormat HEX = HexFormat.of();

  private final S3Settings settings;
  private final ChunkStore chunks;
  private final SecureRandom random = new SecureRandom();
  private final ScheduledThreadPoolExecutor background;
  private final Set<String> compacting = ConcurrentHashMap.newKeySet();
  private final Set<String> pendingDeletes = ConcurrentHashMap.newKeySet();

  private S3DataStore(S3Settings settings, S3Client s3) {
    this.settings = settings;
    this.chunks = new ChunkStore(s3, settings.bucket(), settings.prefix());
    this.background =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "osprey-s3-compactor");
              t.setDaemon(true);
              return t;
            });
    background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long sweep = Math.max(1, settings.sweepInterval().toMillis());
    background.scheduleWithFixedDelay(this::sweepQuietly, sweep, sweep, TimeUnit.MILLISECONDS);
  }

  /**
   * Connects to the bucket (which must exist: Osprey does not create buckets in someone else's S3).
   */
  public static S3DataStore open(S3Settings settings) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(settings.credentials())
            .httpClient(UrlConnectionHttpClient.builder().build())
            // Checksums only where S3 requires them: older S3-compatible servers reject the
            // trailing checksums that the SDK would otherwise add to every upload.
            .requestChecksumCalculation(
                software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(
                software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED);
    settings.endpoint().ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
    S3Client s3 = builder.build();
    try {
      s3.headBucket(r -> r.bucket(settings.bucket()));
    } catch (SdkException e) {
      s3.close();
      throw new StorageException(
          "cannot reach S3 bucket " + settings.describe() + ": " + e.getMessage(), e);
    }
    return new S3DataStore(settings, s3);
  }

  S3Settings settings() {
    return settings;
  }

  ChunkStore chunks() {
    return chunks;
  }

  @Override
  public BlobWriter create() {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return new S3BlobWriter(this, HEX.formatHex(bits), true, 0);
  }

  @Override
  public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
    check(blobId);
    ChunkMap map = chunks.list(blobId);
    if (!map.exists()) {
      throw new NoSuchFileException(blobId);
    }
    if (!map.covers(committedLength)) {
      throw new IOException("blob " + blobId + " holds less than committed " + committedLength);
    }
    List<Chunk> committed = new ArrayList<>();
    List<String> leftovers = new ArrayList<>();
    for (Chunk c : map.chunks()) {
      if (c.end() > committedLength && c.length() > 0) {
        leftovers.add(c.key());
      } else {
        committed.add(c);
      }
    }
    ChunkMap kept = new ChunkMap(committed, false);
    if (!kept.covers(committedLength)) {
      kept = rewriteStraddler(blobId, map, kept, committedLength);
    }
    if (!leftovers.isEmpty()) {
      // Bytes of an append that was never acknowledged: no reader was ever sent to them.
      chunks.delete(leftovers);
    }
    maybeCompact(blobId, kept, committedLength);
    return new S3BlobWriter(this, blobId, false, committedLength);
  }

  /**
   * A chunk reaching past the committed length also holds committed bytes (a write acknowledged in
   * part): its committed part becomes a chunk of its own before the chunk is deleted.
   */
  private ChunkMap rewriteStraddler(String blobId, ChunkMap all, ChunkMap kept, long committed)
      throws IOException {
    long gap = 0;
    for (ChunkMap.Piece p : all.cover(0, committed)) {
      if (p.chunk().end() > committed) {
        gap = p.from();
        break;
      }
    }
    ChunkUpload upload = new ChunkUpload(chunks, chunks.newChunkKey(blobId, gap), settings.sizes());
    try {
      upload.append(all.cover(gap, committed - gap));
      upload.finish();
    } catch (IOException | RuntimeException e) {
      upload.abort();
      throw e;
    }
    List<Chunk> with = new ArrayList<>(kept.chunks());
    with.add(new Chunk(upload.key(), gap, committed, Instant.now()));
    return new ChunkMap(with, false);
  }

  private void maybeCompact(String blobId, ChunkMap committed, long length) throws IOException {
    List<ChunkMap.Piece> cover = committed.cover(0, length);
    if (cover.size() >= settings.sizes().compactAfter() && compacting.add(blobId)) {
      background.execute(
          () -> {
            try {
              compact(blobId, length);
            } catch (IOException | RuntimeException e) {
              LOG.warn("could not merge the chunks of blob {}", blobId, e);
            } finally {
              compacting.remove(blobId);
            }
          });
    }
    List<String> redundant = new ArrayList<>();
    Set<Chunk> used = new java.util.HashSet<>();
    cover.forEach(p -> used.add(p.chunk()));
    for (Chunk c : committed.chunks()) {
      if (!used.contains(c) && c.length() > 0 && pendingDeletes.add(c.key())) {
        redundant.add(c.key());
      }
    }
    if (!redundant.isEmpty()) {
      // Replaced by a merge whose delayed delete did not happen (a restart): collect them now.
      deleteLater(redundant);
    }
  }

  /**
   * Merges the chunks holding the committed bytes {@code [0, committedLength)} into one chunk and
   * deletes the merged ones after the delete delay. Offsets and bytes stay as they were; readers
   * that opened before keep reading the old chunks. Runs in the background after {@link
   * #openForAppend}; public for tests and tools.
   *
   * @return whether it merged anything
   */
  public boolean compact(String blobId, long committedLength) throws IOException {
    check(blobId);
    ChunkMap map = chunks.list(blobId);
    if (map.deleted()) {
      return false;
    }
    List<ChunkMap.Piece> cover = map.cover(0, committedLength);
    if (cover.size() < 2) {
      return false;
    }
    ChunkUpload merged = new ChunkUpload(chunks, chunks.newChunkKey(blobId, 0), settings.sizes());
    try {
      merged.append(cover);
      merged.finish();
    } catch (IOException | RuntimeException e) {
      merged.abort();
      throw e;
    }
    List<String> replaced = new ArrayList<>();
    for (Chunk c : map.chunks()) {
      if (c.end() <= committedLength && c.length() > 0 && pendingDeletes.add(c.key())) {
        replaced.add(c.key());
      }
    }
    LOG.debug("blob {}: merged {} chunks into {}", blobId, cover.size(), merged.key());
    deleteLater(replaced);
    return true;
  }

  private void deleteLater(List<String> keys) {
    Runnable task =
        () -> {
          try {
            chunks.delete(keys);
          } catch (IOException e) {
            LOG.warn(
                "could not delete {} replaced chunk(s); the next merge retries", keys.size(), e);
          } finally {
            keys.forEach(pendingDeletes::remove);
          }
        };
    schedule(task);
  }

  private void schedule(Runnable task) {
    long delay = settings.deleteDelay().toMillis();
    try {
      if (delay <= 0) {
        task.run();
      } else {
        background.schedule(task, delay, TimeUnit.MILLISECONDS);
      }
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Closing: the sweep (tombstones) or the next merge (replaced chunks) finishes the job.
    }
  }

  @Override
  public BlobReader open(String blobId) throws IOException {
    check(blobId);
    ChunkMap map = chunks.list(blobId);
    if (!map.exists()) {
      throw new NoSuchFileException(blobId);
    }
    return new S3BlobReader(this, blobId, map);
  }

  /**
   * Writes the tombstone now (the blob is gone for new readers and writers) and deletes its chunks
   * after the delete delay.
   */
  @Override
  public void delete(String blobId) throws IOException {
    check(blobId);
    chunks.putTombstone(blobId);
    schedule(
        () -> {
          try {
            purge(blobId);
          } catch (IOException e) {
            LOG.warn("could not purge deleted blob {}; the sweep retries", blobId, e);
          }
        });
  }

  /** Deletes every chunk of a deleted blob, then its tombstone (so a failure is retried). */
  private void purge(String blobId) throws IOException {
    ChunkMap map = chunks.list(blobId);
    chunks.delete(map.chunks().stream().map(Chunk::key).toList());
    if (map.deleted()) {
      chunks.delete(List.of(chunks.blobPrefix(blobId) + ChunkStore.TOMBSTONE));
    }
  }

  /**
   * Purges deleted blobs whose tombstone is older than the delete delay, from a listing of the
   * whole prefix (so deletes survive a restart). Returns how many it purged.
   */
  public int sweep() throws IOException {
    Instant cutoff = Instant.now().minus(settings.deleteDelay());
    List<String> due = new ArrayList<>();
    try (Stream<BlobListing.Entry> entries = BlobListing.stream(chunks)) {
      entries
          .filter(e -> e.tombstone() != null && !e.tombstone().isAfter(cutoff))
          .forEach(e -> due.add(e.blobId()));
    }
    for (String id : due) {
      purge(id);
    }
    return due.size();
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not sweep deleted blobs", e);
    }
  }

  /** Lists the prefix once; a blob is listed with its newest chunk's time, tombstoned ones not. */
  @Override
  public Stream<StoredBlob> blobs() {
    return BlobListing.stream(chunks)
        .filter(e -> e.tombstone() == null && e.hasChunk())
        .map(e -> new StoredBlob(e.blobId(), e.lastModified()));
  }

  /** Stops the compactor (a merge in progress is abandoned: its upload is never completed). */
  @Override
  public void close() {
    background.shutdownNow();
    try {
      background.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    chunks.client().close();
  }

  /** Waits until the background work queued so far (merges, not delayed deletes) has run. */
  void drain() throws InterruptedException {
    try {
      background.submit(() -> {}).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(String blobId) {
    if (blobId == null || !BLOB_ID.matcher(blobId).matches()) {
      throw new IllegalArgumentException("not a blob id: " + blobId);
    }
  }
}
