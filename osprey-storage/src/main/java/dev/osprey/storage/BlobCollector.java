package dev.osprey.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes orphan blobs: blobs no object or part record names, untouched for longer than the grace
 * period and with no writer open. They come from a crash between a blob's sync and the commit that
 * would have named it, or from a delete of a replaced blob that failed. One low-priority background
 * thread walks the data store every interval; nothing runs at open. The safety argument (why this
 * never deletes a blob a writer is about to commit) is in docs/storage.md.
 */
final class BlobCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

  private final MetadataStore metadata;
  private final TrackedDataStore data;
  private final Clock clock;
  private final OrphanCollection settings;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param background whether a thread collects every interval, or only {@link #collectOnce} calls
   *     do (tests)
   */
  BlobCollector(
      MetadataStore metadata,
      TrackedDataStore data,
      Clock clock,
      OrphanCollection settings,
      boolean background) {
    this.metadata = metadata;
    this.data = data;
    this.clock = clock;
    this.settings = settings;
    thread =
        background
            ? Thread.ofPlatform()
                .name("osprey-blob-collector")
                .daemon()
                .priority(Thread.MIN_PRIORITY)
                .start(this::run)
            : null;
  }

  /**
   * One pass over every blob: deletes the orphans older than the grace period.
   *
   * @return how many blobs it deleted
   */
  int collectOnce() throws IOException {
    Instant cutoff = clock.instant().minus(settings.grace());
    int deleted = 0;
    try (Stream<StoredBlob> blobs = data.blobs()) {
      for (Iterator<StoredBlob> it = blobs.iterator(); it.hasNext() && !closed; ) {
        StoredBlob blob = it.next();
        // The order matters: age, then open writers, then the index. A writer closes after its
        // commit, so a blob with no open writer that the index does not name stays unnamed.
        if (blob.lastModified().isBefore(cutoff)
            && !data.isBeingWritten(blob.blobId())
            && !metadata.isBlobReferenced(blob.blobId())) {
          data.delete(blob.blobId());
          deleted++;
          LOG.info("deleted orphan blob {} (last modified {})", blob.blobId(), blob.lastModified());
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return deleted;
  }

  private void run() {
    while (true) {
      try {
        if (stop.await(settings.interval().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      try {
        // Several nodes sharing the stores: one collects per interval, the others skip.
        java.util.Optional<MetadataStore.BlobLock> lease = metadata.tryLease("orphans");
        if (lease.isEmpty()) {
          continue;
        }
        try (MetadataStore.BlobLock held = lease.get()) {
          int n = collectOnce();
          if (n > 0) {
            LOG.info("orphan collection deleted {} blobs", n);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("orphan collection failed; will retry next interval", e);
      }
    }
  }

  /** Stops the background thread, ending a pass in progress at the next blob. */
  @Override
  public void close() {
    closed = true;
    stop.countDown();
    if (thread != null) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
