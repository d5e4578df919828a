package dev.osprey.server.metrics;

import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.WalStatistics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storage as operators see it: how long metadata commits and blob fsyncs take, how many object
 * updates a commit carries, the write-ahead log's syncs (writes per sync is the group-commit batch
 * size), and the objects and bytes stored (counted when storage opens, then kept up to date by
 * every commit).
 */
final class StorageMeters implements StorageListener {
  /** Disk latencies run from tens of microseconds (no fsync) to seconds (a stalled disk). */
  static final Duration[] SYNC_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofSeconds(1)
  };

  private final MeterRegistry registry;
  private final Timer commits;
  private final DistributionSummary commitSizes;
  private final Timer blobSyncs;
  private final AtomicLong objects = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private volatile WalStatistics wal;

  StorageMeters(MeterRegistry registry) {
    this.registry = registry;
    commits =
        Timer.builder("osprey.metadata.commit")
            .description(
                "Synced metadata writes (WAL write + fsync, shared by concurrent writers), as the"
                    + " writer waits for them")
            .serviceLevelObjectives(SYNC_BUCKETS)
            .register(registry);
    commitSizes =
        DistributionSummary.builder("osprey.metadata.commit.objects")
            .description("Object updates carried by one metadata write")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
            .register(registry);
    blobSyncs =
        Timer.builder("osprey.blob.sync")
            .description("fdatasync of a blob file (and of its directory for a new blob)")
            .serviceLevelObjectives(SYNC_BUCKETS)
            .register(registry);
    // Registered at once, so a scrape never misses them; they read 0 until storage has opened.
    Gauge.builder("osprey.stored.objects", objects::get)
        .description("Objects stored (every type, symlinks included)")
        .register(registry);
    Gauge.builder("osprey.stored.bytes", bytes::get)
        .description("Bytes of the objects stored (their sizes, not the disk they take)")
        .baseUnit("bytes")
        .register(registry);
  }

  @Override
  public void metadataWritten(List<ObjectChange> changes, long nanos) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
    commitSizes.record(changes.size());
    for (ObjectChange c : changes) {
      c.before().ifPresent(o -> count(o, -1));
      c.after().ifPresent(o -> count(o, 1));
    }
  }

  private void count(ObjectRecord o, int sign) {
    objects.addAndGet(sign);
    bytes.addAndGet(sign * o.size());
  }

  @Override
  public void blobSynced(long nanos) {
    blobSyncs.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void objectsCounted(long count, long size) {
    objects.addAndGet(count);
    bytes.addAndGet(size);
  }

  @Override
  public void walStatistics(WalStatistics wal) {
    this.wal = wal; // meters hold what they read weakly
    FunctionCounter.builder("osprey.wal.writes", wal, WalStatistics::writes)
        .description("Metadata writes through the write-ahead log")
        .register(registry);
    FunctionCounter.builder("osprey.wal.syncs", wal, WalStatistics::syncs)
        .description(
            "fsyncs of the write-ahead log; writes / syncs is the mean group-commit batch size")
        .register(registry);
    FunctionCounter.builder("osprey.wal.sync.seconds", wal, w -> w.syncMicros() / 1e6)
        .description("Time spent in write-ahead log fsyncs")
        .register(registry);
    FunctionCounter.builder("osprey.wal.written", wal, WalStatistics::bytes)
        .description("Bytes written to the write-ahead log")
        .baseUnit("bytes")
        .register(registry);
  }
}
