package dev.osprey.client;

import com.aliyun.oss.OSS;
import dev.osprey.client.OssStreamException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link OutputStream} onto an appendable object: bytes written are batched and sent as
 * AppendObject requests through an {@link AppendSession}, which tracks the position, checks the
 * CRC-64 chain on every answer and, after a timeout or a lost connection, learns from the object's
 * length and CRC whether the last append landed, so no byte is sent twice or lost.
 *
 * <pre>{@code
 * try (AppendWriter log = AppendWriter.builder(oss, "logs", "app.log")
 *     .batchSize(256 * 1024)                  // an append once 256 KiB wait ...
 *     .maxDelay(Duration.ofMillis(500))       // ... or once the oldest byte waited 500 ms
 *     .sealOnClose(true)
 *     .open()) {
 *   log.write("started\n".getBytes(StandardCharsets.UTF_8));
 *   log.flush();                              // returns once the server acknowledged it
 * }                                           // sends the rest, then seals the object
 * }</pre>
 *
 * <p><b>Batching.</b> A batch is sent when {@link Builder#batchSize} bytes wait, when the oldest
 * waiting byte is {@link Builder#maxDelay} old (sent by the writer's timer thread), on {@link
 * #flush()} and on {@link #close()}. A write that fills a batch sends it before returning, so a
 * writer never holds more than one batch: a slow server slows the writers down instead of filling
 * memory. A write of a batch or more with nothing waiting goes out directly, without a copy.
 *
 * <p><b>Threads.</b> Thread-safe: every method may be called from any thread. Writes are appended
 * whole, in the order the callers take the writer's lock; a thread writing while a batch is being
 * sent waits for that send.
 *
 * <p><b>Failures.</b> When an append fails for good (the server refuses it, cannot be reached for
 * as long as the {@link RetryPolicy} allows, or the CRC chain breaks), the writer stops: that write
 * or flush throws {@link OssStreamException}, and so does every later call, a failure of the timer
 * thread included. {@link #position()} then tells how much of the object is acknowledged.
 */
public final class AppendWriter extends OutputStream {
  private static final ThreadFactory TIMER_THREADS =
      r -> Thread.ofPlatform().daemon().name("osprey-append-timer").unstarted(r);

  private final AppendSession session;
  private final int batchSize;
  private final Duration maxDelay;
  private final boolean sealOnClose;
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledThreadPoolExecutor timer;
  private final byte[] buffer;
  private int count;
  private long batch; // counts batches sent, so a timer set for an earlier batch does nothing
  private long written;
  private OssStreamException failure;
  private boolean closed;

  private AppendWriter(AppendSession session, Builder b) {
    this.session = session;
    this.batchSize = b.batchSize;
    this.maxDelay = b.maxDelay;
    this.sealOnClose = b.sealOnClose;
    this.buffer = new byte[b.batchSize];
    if (maxDelay.isZero()) {
      this.timer = null;
    } else {
      this.timer = new ScheduledThreadPoolExecutor(1, TIMER_THREADS);
      this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }
  }

  /** Starts a writer for {@code oss://bucket/key}, created by its first append if absent. */
  public static Builder builder(OSS oss, String bucket, String key) {
    return new Builder(oss, bucket, key);
  }

  /**
   * The object's length as acknowledged by the server: everything before it is stored. Bytes
   * written since the last send are not counted until they are sent.
   */
  public long position() {
    return session.position();
  }

  /** The CRC-64 ({@code x-oss-hash-crc64ecma}) of the object's first {@link #position()} bytes. */
  public long crc() {
    return session.crc();
  }

  /** Bytes written to this writer since it was opened, sent or not. */
  public long written() {
    lock.lock();
    try {
      return written;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    lock.lock();
    try {
      ensureOpen();
      written += len;
      while (len > 0) {
        if (count == 0 && len >= batchSize) {
          send(b, off, batchSize);
          off += batchSize;
          len -= batchSize;
          continue;
        }
        int n = Math.min(len, batchSize - count);
        System.arraycopy(b, off, buffer, count, n);
        if (count == 0) {
          startTimer();
        }
        count += n;
        off += n;
        len -= n;
        if (count == batchSize || timer == null) {
          sendBuffer();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends what is waiting and returns once the server acknowledged it. */
  @Override
  public void flush() throws IOException {
    lock.lock();
    try {
      ensureOpen();
      sendBuffer();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends what is waiting, seals the object when the writer was built with {@link
   * Builder#sealOnClose}, and stops the timer thread. Closing again does nothing; a writer that
   * failed is closed without sending.
   */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      try {
        if (failure == null) {
          sendBuffer();
          if (sealOnClose) {
            session.seal();
          }
        }
      } finally {
        closed = true;
        if (timer != null) {
          timer.shutdown();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() throws OssStreamException {
    if (failure != null) {
      throw new OssStreamException(
          failure.reason(), "an earlier append failed: " + failure.getMessage(), failure);
    }
    if (closed) {
      throw new OssStreamException(Reason.CLOSED, "the writer is closed");
    }
  }

  private void startTimer() {
    if (timer == null) {
      return;
    }
    long due = batch;
    timer.schedule(() -> onTimer(due), maxDelay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The oldest waiting byte has waited {@code maxDelay}: send its batch unless it already went. */
  private void onTimer(long due) {
    lock.lock();
    try {
      if (!closed && failure == null && batch == due && count > 0) {
        sendBuffer();
      }
    } catch (IOException e) {
      // Recorded in `failure` by send(); the next write, flush or close reports it.
    } finally {
      lock.unlock();
    }
  }

  private void sendBuffer() throws IOException {
    if (count > 0) {
      send(buffer, 0, count);
      count = 0;
    }
  }

  private void send(byte[] b, int off, int len) throws IOException {
    try {
      session.append(b, off, len);
      batch++;
    } catch (OssStreamException e) {
      failure = e;
      throw e;
    } catch (IOException e) {
      failure = new OssStreamException(Reason.REFUSED, e.getMessage(), e);
      throw failure;
    }
  }

  /** Settings of an {@link AppendWriter}; {@link #open()} reads the object's current end. */
  public static final class Builder {
    private final OSS oss;
    private final String bucket;
    private final String key;
    private int batchSize = 1 << 20;
    private Duration maxDelay = Duration.ofSeconds(1);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean sealOnClose;

    private Builder(OSS oss, String bucket, String key) {
      this.oss = Objects.requireNonNull(oss, "oss");
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.key = Objects.requireNonNull(key, "key");
    }

    /** Largest append in bytes, and how many waiting bytes trigger one (default 1 MiB). */
    public Builder batchSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1 byte");
      }
      this.batchSize = bytes;
      return this;
    }

    /**
     * Longest a written byte waits before it is sent (default 1 s); {@link Duration#ZERO} sends
     * every write at once.
     */
    public Builder maxDelay(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("maxDelay must not be negative");
      }
      this.maxDelay = value;
      return this;
    }

    /**
     * How long to keep retrying while the server cannot be reached (default {@link
     * RetryPolicy#DEFAULT}).
     */
    public Builder retry(RetryPolicy value) {
      this.retry = Objects.requireNonNull(value, "retry");
      return this;
    }

    /** Whether {@link AppendWriter#close()} seals the object (default false). */
    public Builder sealOnClose(boolean value) {
      this.sealOnClose = value;
      return this;
    }

    /**
     * Reads the object's length and CRC-64 (0 when it does not exist) and returns the writer.
     *
     * @throws OssStreamException when the object exists and is not appendable, or the server cannot
     *     be reached
     */
    public AppendWriter open() throws OssStreamException {
      return new AppendWriter(AppendSession.open(oss, bucket, key, retry), this);
    }
  }
}
