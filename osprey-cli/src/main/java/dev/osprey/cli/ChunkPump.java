package dev.osprey.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a stream into chunks by size and by time: a chunk goes out when {@code maxChunk} bytes are
 * waiting, or when the oldest waiting byte is {@code maxDelay} old, or at the end of the stream. So
 * {@code tail -f app.log | osprey append ...} ships each line within {@code maxDelay} without
 * turning every line into its own request.
 */
public final class ChunkPump {
  /** Receives each chunk. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] chunk, int off, int len) throws IOException;
  }

  private static final byte[] END = new byte[0];

  private final int maxChunk;
  private final Duration maxDelay;
  private volatile boolean finishing;
  private volatile Thread pumping;

  public ChunkPump(int maxChunk, Duration maxDelay) {
    this.maxChunk = maxChunk;
    this.maxDelay = maxDelay;
  }

  /**
   * Pumps {@code in} to {@code sink} until the end of the stream; returns the number of bytes
   * pumped.
   */
  public long pump(InputStream in, Sink sink) throws IOException, InterruptedException {
    pumping = Thread.currentThread();
    BlockingQueue<Object> pieces = new LinkedBlockingQueue<>(64);
    Thread reader =
        Thread.ofPlatform().daemon().name("osprey-append-reader").start(() -> read(in, pieces));
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    long total = 0;
    long oldest = 0;
    try {
      while (true) {
        if (finishing) {
          return total + finishNow(pieces, pending, sink);
        }
        long wait =
            pending.size() == 0 ? Long.MAX_VALUE : oldest + maxDelay.toNanos() - System.nanoTime();
        Object piece;
        try {
          piece =
              wait <= 0
                  ? null
                  : pieces.poll(Math.min(wait, TimeUnit.DAYS.toNanos(1)), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          if (!finishing) {
            throw e;
          }
          return total + finishNow(pieces, pending, sink);
        }
        if (piece instanceof IOException e) {
          throw e;
        }
        if (piece == END) {
          total += flush(pending, sink, 1);
          return total;
        }
        if (piece instanceof byte[] bytes) {
          if (pending.size() == 0) {
            oldest = System.nanoTime();
          }
          pending.writeBytes(bytes);
          total += flush(pending, sink, maxChunk);
        } else {
          total += flush(pending, sink, 1); // the oldest byte has waited long enough
        }
      }
    } finally {
      reader.interrupt();
      pumping = null;
    }
  }

  /**
   * Ends a running {@link #pump} early, as on Ctrl-C: it sends every byte read so far and returns.
   * Bytes still unread in the input are not waited for.
   */
  public void finish() {
    finishing = true;
    Thread t = pumping;
    if (t != null) {
      t.interrupt();
    }
  }

  private long finishNow(BlockingQueue<Object> pieces, ByteArrayOutputStream pending, Sink sink)
      throws IOException {
    List<Object> rest = new ArrayList<>();
    pieces.drainTo(rest);
    for (Object p : rest) {
      if (p instanceof byte[] bytes) {
        pending.writeBytes(bytes);
      }
    }
    return flush(pending, sink, 1);
  }

  /** Sends whole chunks while at least {@code threshold} bytes wait; keeps the rest pending. */
  private long flush(ByteArrayOutputStream pending, Sink sink, int threshold) throws IOException {
    if (pending.size() < threshold || pending.size() == 0) {
      return 0;
    }
    byte[] all = pending.toByteArray();
    int sent = 0;
    while (all.length - sent >= Math.max(threshold, 1) && sent < all.length) {
      int n = Math.min(maxChunk, all.length - sent);
      sink.accept(all, sent, n);
      sent += n;
    }
    pending.reset();
    pending.write(all, sent, all.length - sent);
    return sent;
  }

  private static void read(InputStream in, BlockingQueue<Object> pieces) {
    byte[] buf = new byte[64 * 1024];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (n > 0) {
          pieces.put(java.util.Arrays.copyOf(buf, n));
        }
      }
      pieces.put(END);
    } catch (IOException e) {
      pieces.offer(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
