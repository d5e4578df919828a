package dev.osprey.server.http;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.LendingBody;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A request body as a blocking {@link InputStream}, fed chunk by chunk by the event loop and read
 * by the worker that handles the request. Back-pressure: when more than {@link #HIGH_WATER} bytes
 * wait in the queue the channel stops reading from the socket, and resumes below {@link
 * #LOW_WATER}, so a 5 GB upload to a slow disk costs a bounded amount of memory.
 *
 * <p>Failures surface as {@link OssException}s from {@code read}: RequestTimeout when the client
 * stops sending, IncompleteBody when the connection ends early or the HTTP decoder could not parse
 * the body (never an empty body).
 *
 * <p>Large bodies are taken with {@link #lend} rather than {@code read}: each received chunk goes
 * to the checksums and the file write in the network buffer it arrived in, with no copy in the JVM.
 */
public final class RequestBody extends InputStream implements LendingBody {
  static final int HIGH_WATER = 1 << 20;
  static final int LOW_WATER = 256 << 10;

  private final Channel channel;
  private final Duration readTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long receivedBytes;
  private boolean ended;
  private boolean discarding;
  private boolean paused;
  private OssException failure;

  public RequestBody(Channel channel, Duration readTimeout) {
    this.channel = channel;
    this.readTimeout = readTimeout;
  }

  // ---- event-loop side

  /** Queues a chunk; takes ownership of {@code content}. */
  void offer(ByteBuf content) {
    lock.lock();
    try {
      receivedBytes += content.readableBytes();
      if (discarding || failure != null || !content.isReadable()) {
        content.release();
        return;
      }
      queue.add(content);
      queuedBytes += content.readableBytes();
      if (queuedBytes > HIGH_WATER && !paused) {
        paused = true;
        channel.config().setAutoRead(false);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The last chunk arrived. */
  void end() {
    lock.lock();
    try {
      ended = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The body can never complete (connection lost, undecodable chunk). */
  void fail(OssException cause) {
    lock.lock();
    try {
      if (!ended && failure == null) {
        failure = cause;
        releaseQueued();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---- worker side

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    lock.lock();
    try {
      ByteBuf head = awaitData();
      if (head == null) {
        return -1;
      }
      int n = Math.min(len, head.readableBytes());
      head.readBytes(b, off, n);
      queuedBytes -= n;
      if (!head.isReadable()) {
        queue.poll().release();
      }
      resumeIfDrained();
      return n;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lends the next received chunk. It leaves the queue (and the back-pressure count) before it is
   * used, outside the lock, so the event loop can queue the next chunks meanwhile; it is released
   * once used.
   */
  @Override
  public long lend(Borrower borrower) throws IOException {
    ByteBuf head;
    lock.lock();
    try {
      head = awaitData();
      if (head == null) {
        return -1;
      }
      queue.poll();
      queuedBytes -= head.readableBytes();
      resumeIfDrained();
    } finally {
      lock.unlock();
    }
    try {
      int n = head.readableBytes();
      for (ByteBuffer bytes : head.nioBuffers()) {
        borrower.use(bytes);
      }
      return n;
    } finally {
      head.release();
    }
  }

  private ByteBuf awaitData() {
    long deadline = System.nanoTime() + readTimeout.toNanos();
    while (true) {
      if (!queue.isEmpty()) {
        return queue.peek();
      }
      if (failure != null) {
        throw failure;
      }
      if (ended) {
        return null;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        failure = OssException.of(OssErrorCode.REQUEST_TIMEOUT);
        throw failure;
      }
      try {
        changed.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OssException(
            OssErrorCode.INTERNAL_ERROR, "Interrupted while reading the request body", e);
      }
    }
  }

  private void resumeIfDrained() {
    if (paused && queuedBytes < LOW_WATER) {
      paused = false;
      channel
          .eventLoop()
          .execute(
              () -> {
                channel.config().setAutoRead(true);
                channel.read();
              });
    }
  }

  /**
   * Where the body stands, read under one lock.
   *
   * @param ended the client has sent the whole body (whether or not it was read)
   * @param failed the body can never complete (connection lost, undecodable, timed out)
   * @param consumed the whole body has arrived and been read, or there was none
   * @param receivedBytes bytes received from the client so far
   */
  record Progress(boolean ended, boolean failed, boolean consumed, long receivedBytes) {}

  Progress progress() {
    lock.lock();
    try {
      return new Progress(ended, failure != null, ended && queue.isEmpty(), receivedBytes);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Throws away what is queued and whatever else arrives: used after an early error response so the
   * connection can be reused once the client finishes sending.
   */
  void discardRest() {
    lock.lock();
    try {
      discarding = true;
      releaseQueued();
      if (paused) {
        paused = false;
        channel
            .eventLoop()
            .execute(
                () -> {
                  channel.config().setAutoRead(true);
                  channel.read();
                });
      }
    } finally {
      lock.unlock();
    }
  }

  private void releaseQueued() {
    ByteBuf b;
    while ((b = queue.poll()) != null) {
      b.release();
    }
    queuedBytes = 0;
  }

  @Override
  public void close() {
    discardRest();
  }
}
