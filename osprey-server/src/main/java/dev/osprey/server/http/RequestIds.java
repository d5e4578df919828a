package dev.osprey.server.http;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids in OSS's shape: 24 upper-case hex characters (spec §0). Seconds since the epoch, then
 * a per-process random value and a counter, so ids are unique within a process and roughly ordered
 * by time.
 */
public final class RequestIds {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final long processSalt = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL;
  private final AtomicLong counter = new AtomicLong(ThreadLocalRandom.current().nextInt() & 0xFFFF);

  public String next() {
    long seconds = System.currentTimeMillis() / 1000;
    long low = (processSalt << 32) ^ counter.incrementAndGet();
    return HEX.toHexDigits((int) seconds) + HEX.toHexDigits(low);
  }
}
