package dev.osprey.server.access;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.xml.BucketLoggingStatus;
import dev.osprey.server.api.CompletedRequest;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.PutObjectCommand;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bucket logging (PutBucketLogging): each answered request to a bucket with logging on becomes a
 * line in OSS's log format ({@link BucketLogLine}), kept in memory and written, every flush
 * interval, as one object per source bucket into the target bucket, named {@code
 * <TargetPrefix><SourceBucket>YYYY-mm-DD-HH-MM-SS-<unique>} as OSS names its log objects.
 *
 * <p>Memory is bounded: past {@link #maxBufferedBytes} lines are dropped (and counted in the server
 * log) until the next flush, which is brought forward as soon as half the bound is used. A bucket's
 * logging configuration is read from storage at most once per {@link #CONFIG_TTL} and at once after
 * it changes through this server ({@link #configurationChanged}). Lines still buffered at shutdown
 * are written by {@link #close()}; lines of a crash are lost, as OSS promises no more than
 * best-effort delivery of its logs either.
 */
public final class BucketLogs implements Consumer<CompletedRequest>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BucketLogs.class);
  static final Duration CONFIG_TTL = Duration.ofSeconds(10);
  private static final DateTimeFormatter OBJECT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private final ObjectService storage;
  private final Clock clock;
  private final String accountId;
  private final long maxBufferedBytes;
  private final ScheduledExecutorService flusher;
  private final Map<String, Cached> configs = new ConcurrentHashMap<>();
  private final Map<String, StringBuilder> buffers = new ConcurrentHashMap<>();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean earlyFlushAsked = new AtomicBoolean();
  private final ReentrantLock flushing = new ReentrantLock();

  private record Cached(BucketLoggingStatus status, String owner, long expiresNanos) {}

  /**
   * @param interval how often buffered lines are written to their target buckets
   * @param maxBufferedBytes the most log text kept in memory between two flushes
   */
  public BucketLogs(
      ObjectService storage,
      Clock clock,
      String accountId,
      Duration interval,
      long maxBufferedBytes) {
    this.storage = storage;
    this.clock = clock;
    this.accountId = accountId;
    this.maxBufferedBytes = maxBufferedBytes;
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "osprey-bucket-logs");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(1, interval.toMillis());
    flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Records {@code done} when it names a bucket whose logging is on. Never throws. */
  @Override
  public void accept(CompletedRequest done) {
    String bucket = done.response().subject().bucket();
    if (bucket == null || done.head() == null) {
      return;
    }
    try {
      Cached config = config(bucket);
      if (!config.status().enabled()) {
        return;
      }
      String requester = done.response().subject().accessKeyId() == null ? null : accountId;
      String line = BucketLogLine.of(done, clock.instant(), config.owner(), requester);
      if (buffered.addAndGet(line.length()) > maxBufferedBytes) {
        buffered.addAndGet(-line.length());
        dropped.incrementAndGet();
        return;
      }
      buffers.compute(bucket, (b, sb) -> (sb == null ? new StringBuilder(4096) : sb).append(line));
      if (buffered.get() > maxBufferedBytes / 2 && earlyFlushAsked.compareAndSet(false, true)) {
        flusher.execute(this::flushQuietly);
      }
    } catch (RuntimeException e) {
      log.debug("Bucket log line for {} not recorded: {}", bucket, e.toString());
    }
  }

  /** Forgets what is known of {@code bucket}'s logging configuration (it was just changed). */
  public void configurationChanged(String bucket) {
    configs.remove(bucket);
  }

  /** Forgets every cached configuration (another node may have changed any of them). */
  public void forgetConfigurations() {
    configs.clear();
  }

  /**
   * Writes every buffered line to its target bucket now, on the calling thread; returns how many
   * log objects were written.
   */
  public int flush() {
    flushing.lock();
    try {
      return flushBuffers();
    } finally {
      flushing.unlock();
    }
  }

  private int flushBuffers() {
    earlyFlushAsked.set(false);
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      log.warn(
          "{} bucket log lines were dropped: more than {} bytes waited", lost, maxBufferedBytes);
    }
    int written = 0;
    for (String source : buffers.keySet()) {
      StringBuilder[] taken = new StringBuilder[1];
      buffers.computeIfPresent(
          source,
          (b, sb) -> {
            taken[0] = sb;
            return null;
          });
      if (taken[0] == null) {
        continue;
      }
      buffered.addAndGet(-taken[0].length());
      if (write(source, taken[0].toString())) {
        written++;
      }
    }
    return written;
  }

  private boolean write(String source, String text) {
    BucketLoggingStatus status = config(source).status();
    if (!status.enabled()) {
      return false;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String key =
        status.targetPrefix()
            + source
            + OBJECT_TIME.format(clock.instant())
            + "-"
            + HexFormat.of().formatHex(randomBytes()).toUpperCase(Locale.ROOT);
    try {
      storage.putObject(
          new PutObjectCommand(
              status.targetBucket(), key, bytes.length, null, logObjectAttributes(), false),
          new ByteArrayInputStream(bytes));
      return true;
    } catch (OssException e) {
      log.warn(
          "Access log of bucket {} could not be written to {}: {}",
          source,
          status.targetBucket(),
          e.getMessage());
      return false;
    }
  }

  private static ObjectAttributes logObjectAttributes() {
    return new ObjectAttributes(
        "text/plain",
        null,
        null,
        null,
        null,
        null,
        null,
        CannedAcl.DEFAULT,
        StorageClass.STANDARD,
        Map.of());
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private Cached config(String bucket) {
    long now = System.nanoTime();
    Cached cached = configs.get(bucket);
    if (cached != null && cached.expiresNanos() - now > 0) {
      return cached;
    }
    BucketLoggingStatus status = BucketLoggingStatus.OFF;
    String owner = null;
    try {
      BucketRecord record = storage.getBucket(bucket);
      owner = record.owner();
      String xml = record.config(BucketLoggingStatus.CONFIG_NAME);
      if (xml != null) {
        status = BucketLoggingStatus.parse(xml.getBytes(StandardCharsets.UTF_8));
      }
    } catch (OssException e) {
      // no such bucket (any more): nothing to log
    }
    Cached fresh = new Cached(status, owner, now + CONFIG_TTL.toNanos());
    configs.put(bucket, fresh);
    return fresh;
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("Writing bucket logs failed", e);
    }
  }

  /** Writes what is still buffered and stops the periodic flush. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
