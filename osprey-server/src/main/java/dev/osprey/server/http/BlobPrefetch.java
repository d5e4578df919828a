package dev.osprey.server.http;

import dev.osprey.storage.BlobReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a range of a blob that has no file channel (a blob in S3) on a worker thread, a few chunks
 * ahead of the event loop that sends them. A read of such a blob may block for as long as its
 * backend takes (a ranged GET), and the event loop serves every connection assigned to it, so it
 * only ever takes chunks that are already read; when none is, it is told "none for now" and called
 * back ({@code onReady}) once one is.
 *
 * <p>Back-pressure: at most {@link #DEPTH} chunks wait in memory. The producer stops when they are
 * all there and gives its thread back to the pool; taking one starts it again. The consumer (the
 * chunked writer) only takes chunks while the channel is writable and resumes on a writability
 * change, so a slow client stops the reads without holding a thread.
 *
 * <p>Closing (end of the response, client gone, write failed) frees the queued buffers at once and
 * closes the blob's channel: right away when no read is under way, else by the producer as soon as
 * its read returns. The channel is only ever touched by one thread at a time.
 */
final class BlobPrefetch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlobPrefetch.class);

  /** Bytes read per worker read. */
  static final int CHUNK_BYTES = 128 * 1024;

  /** Chunks read ahead at most. */
  static final int DEPTH = 2;

  private final BlobReader blob;
  private final long offset;
  private final long length;
  private final Executor workers;
  private final ByteBufAllocator allocator;
  private final Runnable onReady;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<ByteBuf> ready = new ArrayDeque<>();

  /** Bytes read from the blob so far (queued or taken). Guarded by {@link #lock}. */
  private long produced;

  /** A producer task is submitted or running. Guarded by {@link #lock}. */
  private boolean running;

  /** The consumer found nothing ready and waits for {@link #onReady}. Guarded by {@link #lock}. */
  private boolean waiting;

  private boolean closed;
  private Throwable failure;

  /**
   * The blob's channel, opened by the producer. Only the producer touches it while {@link #running}
   * is set; otherwise whoever holds {@link #lock}.
   */
  private ReadableByteChannel stream;

  /**
   * @param onReady called (on a worker thread) when a chunk became ready after {@link #take} found
   *     none, or when the read failed; must be thread-safe and must not block
   */
  BlobPrefetch(
      BlobReader blob,
      long offset,
      long length,
      Executor workers,
      ByteBufAllocator allocator,
      Runnable onReady) {
    this.blob = blob;
    this.offset = offset;
    this.length = length;
    this.workers = workers;
    this.allocator = allocator;
    this.onReady = onReady;
  }

  long length() {
    return length;
  }

  /**
   * Up to {@code max} bytes that are already read, in order, or null when none is ready yet (then
   * {@code onReady} follows). Never blocks. Throws the read's failure once the bytes read before it
   * have been taken.
   */
  ByteBuf take(int max) throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new ClosedChannelException();
      }
      ByteBuf head = ready.peekFirst();
      if (head == null) {
        if (failure != null) {
          throw failure instanceof IOException io ? io : new IOException(failure);
        }
        waiting = true;
        startLocked();
        return null;
      }
      ByteBuf out;
      if (head.readableBytes() <= max) {
        out = ready.removeFirst();
      } else {
        out = head.readRetainedSlice(max);
      }
      startLocked();
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Starts the producer when there is room, something left to read and it is not running. */
  private void startLocked() {
    if (running || closed || failure != null || produced >= length || ready.size() >= DEPTH) {
      return;
    }
    running = true;
    try {
      workers.execute(this::produce);
    } catch (RejectedExecutionException e) {
      running = false;
      failure = new IOException("no worker to read the blob (server stopping)", e);
    }
  }

  private void produce() {
    while (true) {
      int n;
      ReadableByteChannel toClose = null;
      lock.lock();
      try {
        if (closed || failure != null || produced >= length || ready.size() >= DEPTH) {
          running = false;
          if (closed || failure != null) {
            toClose = stream;
            stream = null;
          }
          n = -1;
        } else {
          n = (int) Math.min(CHUNK_BYTES, length - produced);
        }
      } finally {
        lock.unlock();
      }
      if (n < 0) {
        closeQuietly(toClose);
        return;
      }
      ByteBuf buf = null;
      boolean last;
      try {
        if (stream == null) {
          stream = blob.read(offset + producedUnlocked(), length - producedUnlocked());
        }
        buf = allocator.ioBuffer(n, n);
        fill(buf, n);
        last = producedUnlocked() + n >= length;
        if (last) {
          ReadableByteChannel done = stream;
          stream = null;
          closeQuietly(done);
        }
      } catch (IOException | RuntimeException e) {
        if (buf != null) {
          buf.release();
        }
        fail(e);
        return;
      }
      boolean notify;
      lock.lock();
      try {
        if (closed) {
          toClose = stream;
          stream = null;
          running = false;
          buf.release();
          notify = false;
          n = -1;
        } else {
          ready.addLast(buf);
          produced += n;
          notify = waiting;
          waiting = false;
        }
      } finally {
        lock.unlock();
      }
      if (n < 0) {
        closeQuietly(toClose);
        return;
      }
      if (notify) {
        onReady.run();
      }
    }
  }

  /** {@link #produced} read by the producer, which alone changes it, outside the lock. */
  private long producedUnlocked() {
    lock.lock();
    try {
      return produced;
    } finally {
      lock.unlock();
    }
  }

  private void fill(ByteBuf buf, int n) throws IOException {
    ByteBuffer target = buf.nioBuffer(0, n);
    while (target.hasRemaining()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while reading a blob");
      }
      if (stream.read(target) < 0) {
        throw new EOFException("the blob ended before the range it was asked for");
      }
    }
    buf.writerIndex(n);
  }

  private void fail(Throwable e) {
    ReadableByteChannel toClose;
    boolean notify;
    boolean wasClosed;
    lock.lock();
    try {
      wasClosed = closed;
      failure = e;
      running = false;
      toClose = stream;
      stream = null;
      notify = waiting && !closed;
      waiting = false;
    } finally {
      lock.unlock();
    }
    if (!wasClosed) {
      log.warn("Reading a blob failed mid-response: {}", e.toString());
    }
    closeQuietly(toClose);
    if (notify) {
      onReady.run(); // the consumer's next take throws the failure
    }
  }

  /** Frees the queued chunks and closes the blob's channel (now, or after the read under way). */
  @Override
  public void close() {
    ReadableByteChannel toClose = null;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      waiting = false;
      for (ByteBuf b : ready) {
        b.release();
      }
      ready.clear();
      if (!running) {
        toClose = stream;
        stream = null;
      }
    } finally {
      lock.unlock();
    }
    closeQuietly(toClose);
  }

  private static void closeQuietly(ReadableByteChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("Closing a blob channel failed: {}", e.toString());
    }
  }
}
