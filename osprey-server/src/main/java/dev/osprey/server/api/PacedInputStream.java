package dev.osprey.server.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A request body read no faster than its {@code x-oss-traffic-limit}: each read waits its turn
 * first, so the client's upload is slowed by TCP back-pressure rather than buffered. It sleeps on
 * the request's worker thread, which the limited upload holds for its whole duration anyway.
 */
final class PacedInputStream extends FilterInputStream {
  private final Pace pace;

  PacedInputStream(InputStream in, long bytesPerSecond) {
    super(in);
    this.pace = new Pace(bytesPerSecond);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int want = Math.min(len, pace.chunk());
    if (want == 0) {
      return 0;
    }
    long wait = pace.waitNanos(want);
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing an upload");
      }
    }
    int n = super.read(b, off, want);
    if (n > 0) {
      pace.moved(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    int read = read(sink, 0, sink.length);
    return Math.max(read, 0);
  }
}
