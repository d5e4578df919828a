package dev.osprey.server.http;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many connections the main listener holds at once. A connection over the bound is
 * closed as soon as it is accepted, before a byte is read: the client sees the connection end and
 * may retry, and the server keeps its descriptors and memory for the connections it serves.
 */
public final class ConnectionLimit {
  private final int max;
  private final AtomicInteger open = new AtomicInteger();

  public ConnectionLimit(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
  }

  /**
   * Counts {@code channel} in and returns true, or returns false when the bound is reached (the
   * caller closes it). A counted channel leaves the count when it closes.
   */
  boolean admit(Channel channel) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      return false;
    }
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    return true;
  }

  /** Connections counted now. */
  public int open() {
    return open.get();
  }
}
