package dev.osprey.client;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import dev.osprey.client.OssStreamException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link InputStream} over an object that is still growing, like {@code tail -f}: it reads from
 * a position to the object's end, then waits for what gets appended, and ends (returns -1) once the
 * object is sealed and read to its end. Not following, it ends at the object's current end.
 *
 * <pre>{@code
 * try (ObjectFollower in = ObjectFollower.builder(oss, "logs", "app.log").open()) {
 *   byte[] buf = new byte[64 * 1024];
 *   for (int n; (n = in.read(buf)) >= 0; ) {
 *     System.out.write(buf, 0, n);
 *     System.out.flush();
 *   }
 * }
 * }</pre>
 *
 * <p><b>Waiting.</b> Following, it reads with Osprey's live tail: each GET of the bytes from its
 * position is held by the server until they are acknowledged (for at most the maximum poll
 * interval, rounded up to whole seconds, so {@link #close()} never waits longer), and answers the
 * moment an append lands. Against a server without the live tail (real OSS), which answers such a
 * request as a plain ranged GET without {@code x-osprey-tail}, it falls back to polling for good:
 * it HEADs the object until it grows, first after {@link Builder#pollInterval}'s minimum, then
 * twice as long each time nothing changed, up to its maximum; new bytes bring the wait back to the
 * minimum. An object that does not exist yet is waited for by polling (like {@code tail -F}). While
 * the server cannot be reached (a restart), it backs off by its {@link RetryPolicy} and then
 * carries on from the last byte it returned, so nothing is lost or repeated.
 *
 * <p><b>Checks.</b> Each read is a ranged GET from the current position; an answer that does not
 * start there, an object that shrank or vanished after bytes were read from it, stop the follower
 * with {@link Reason#REPLACED}. Following from position 0, the follower keeps the CRC-64 of what it
 * returned and compares it with the server's {@code x-oss-hash-crc64ecma} whenever it reaches the
 * end a GET reported ({@link Reason#CRC_MISMATCH} if they differ).
 *
 * <p><b>Threads.</b> One thread reads; {@link #close()} may be called from any other thread, and
 * ends a read that is waiting (it returns -1).
 */
public final class ObjectFollower extends InputStream {
  /** How a follower polls: waits between HEADs while idle, and retries while unreachable. */
  record Polling(Duration minInterval, Duration maxInterval, RetryPolicy retry) {}

  private final OSS oss;
  private final String bucket;
  private final String key;
  private final boolean follow;
  private final RetryPolicy retry;
  private final GrowthWatch watch;
  private final LiveTail tail;
  private final CRC64 crc; // of bytes [0, position), or null when started elsewhere
  private long position;
  private volatile OSSObject body;
  private InputStream content;
  private long bodyEnd; // the object's length when the current GET was answered
  private Long bodyCrc; // the object's CRC-64 at that length, as the GET reported it
  private volatile boolean closed;

  private ObjectFollower(Builder b) {
    this.oss = b.oss;
    this.bucket = b.bucket;
    this.key = b.key;
    this.follow = b.follow;
    this.retry = b.retry;
    this.position = b.from;
    this.crc = b.from == 0 ? new CRC64() : null;
    this.watch =
        new PollingWatch(oss, bucket, key, new Polling(b.minInterval, b.maxInterval, b.retry));
    this.tail = new LiveTail(oss, bucket, key, b.maxInterval);
  }

  /** Starts a follower of {@code oss://bucket/key}. */
  public static Builder builder(OSS oss, String bucket, String key) {
    return new Builder(oss, bucket, key);
  }

  /** The position of the next byte to be returned: how far the object has been read. */
  public long position() {
    return position;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Reads what is there, waiting (when following) until there is something: returns at least one
   * byte, or -1 at the end (sealed and read, or not following and read to the current end, or
   * closed).
   *
   * @throws OssStreamException when the object was replaced or deleted, the CRC-64 check fails, the
   *     server refuses the request (not following: {@code NoSuchKey} too) or cannot be reached for
   *     as long as the retry policy allows
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    Backoff backoff = new Backoff(retry);
    while (!closed) {
      if (content != null) {
        int n = readBody(b, off, len, backoff);
        if (n > 0) {
          return n;
        }
        continue;
      }
      if (follow && tail.supported()) {
        LiveTail.Kind k = tailOnce(backoff);
        if (k == LiveTail.Kind.END) {
          return -1;
        }
        if (k != LiveTail.Kind.ABSENT
            && k != LiveTail.Kind.BUSY
            && k != LiveTail.Kind.UNSUPPORTED) {
          continue;
        }
      }
      ObjectState s = watch.awaitBeyond(position, follow);
      if (closed) {
        break;
      }
      if (s == null) {
        if (position == 0 && follow) {
          continue;
        }
        throw new OssStreamException(
            Reason.REPLACED, uri() + " was deleted after " + position + " bytes were read");
      }
      if (s.length() < position) {
        throw shrank(s.length());
      }
      if (s.length() == position) {
        return -1; // sealed and read, or not following
      }
      openBody(backoff);
    }
    return -1;
  }

  /**
   * Ends the stream: a read waiting in another thread returns -1, an open GET is aborted. Closing
   * again does nothing.
   */
  @Override
  public void close() throws IOException {
    closed = true;
    watch.wakeUp();
    OSSObject o = body;
    if (o != null) {
      o.forcedClose();
    }
  }

  /** Reads from the open GET: bytes read (> 0), or 0 when that GET ended (the caller loops). */
  private int readBody(byte[] b, int off, int len, Backoff backoff) throws IOException {
    int n;
    try {
      n = content.read(b, off, len);
    } catch (IOException e) {
      // The connection broke mid-body (or close() aborted it): go on from the last byte returned.
      dropBody();
      if (!closed) {
        pauseOrGiveUp(backoff, e);
      }
      return 0;
    }
    if (n > 0) {
      position += n;
      if (crc != null) {
        crc.update(b, off, n);
      }
      backoff.reset();
      return n;
    }
    dropBody();
    if (position < bodyEnd) {
      pauseOrGiveUp(backoff, new IOException("the answer ended before its Content-Length"));
    } else if (crc != null && bodyCrc != null && crc.getValue() != bodyCrc) {
      throw new OssStreamException(
          Reason.CRC_MISMATCH,
          "CRC-64 mismatch reading "
              + uri()
              + ": the server reports "
              + Long.toUnsignedString(bodyCrc)
              + " for its first "
              + position
              + " bytes, they hash to "
              + Long.toUnsignedString(crc.getValue()));
    }
    return 0;
  }

  /**
   * One live tail request: adopts its bytes as the open body, or says what else happened; {@link
   * LiveTail.Kind#ABSENT}, {@link LiveTail.Kind#BUSY} and {@link LiveTail.Kind#UNSUPPORTED} leave
   * this round to the polling watch.
   */
  private LiveTail.Kind tailOnce(Backoff backoff) throws IOException {
    LiveTail.Answer a;
    try {
      a = tail.await(position);
    } catch (ClientException e) {
      pauseOrGiveUp(backoff, e);
      return LiveTail.Kind.NOTHING_YET;
    } catch (OSSException e) {
      throw new OssStreamException(
          Reason.REFUSED,
          "cannot read " + uri() + ": " + e.getErrorCode() + ": " + e.getErrorMessage(),
          e);
    }
    backoff.reset();
    switch (a.kind()) {
      case BYTES -> adopt(a.body());
      case REPLACED ->
          throw new OssStreamException(
              Reason.REPLACED,
              uri() + " changed after " + position + " bytes were read: " + a.detail());
      default -> {
        // nothing to read: the caller decides what comes next
      }
    }
    return a.kind();
  }

  /** GETs {@code [position, end]}: everything the object holds from where this follower stands. */
  private void openBody(Backoff backoff) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(position, -1);
    OSSObject o;
    try {
      o = oss.getObject(get);
    } catch (ClientException e) {
      pauseOrGiveUp(backoff, e);
      return;
    } catch (OSSException e) {
      if (OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode())
          || "InvalidRange".equals(e.getErrorCode())) {
        throw new OssStreamException(
            Reason.REPLACED, uri() + " was deleted or shortened while being read", e);
      }
      throw new OssStreamException(
          Reason.REFUSED,
          "cannot read " + uri() + ": " + e.getErrorCode() + ": " + e.getErrorMessage(),
          e);
    }
    adopt(o);
  }

  /** Reads on from the answer {@code o}, a GET of the object from {@code position} on. */
  private void adopt(OSSObject o) throws IOException {
    ObjectMetadata m = o.getObjectMetadata();
    if (position > 0 && !startsAt(m, position)) {
      // OSS answers a range it cannot serve with the whole object (spec §2.3): it got shorter.
      o.forcedClose();
      throw shrank(-1);
    }
    body = o;
    content = o.getObjectContent();
    bodyEnd = position + m.getContentLength();
    bodyCrc = m.getServerCRC();
    if (closed) {
      dropBody();
    }
  }

  private static boolean startsAt(ObjectMetadata m, long position) {
    for (Map.Entry<String, Object> h : m.getRawMetadata().entrySet()) {
      if ("Content-Range".equalsIgnoreCase(h.getKey())) {
        return String.valueOf(h.getValue()).startsWith("bytes " + position + "-");
      }
    }
    return false;
  }

  private void dropBody() {
    OSSObject o = body;
    body = null;
    content = null;
    if (o != null) {
      try {
        o.forcedClose();
      } catch (IOException ignored) {
        // The connection is being thrown away; nothing more to learn from it.
      }
    }
  }

  private void pauseOrGiveUp(Backoff backoff, Exception cause) throws OssStreamException {
    if (!follow) {
      throw unreachable(cause);
    }
    try {
      if (backoff.pause()) {
        return;
      }
    } catch (java.io.InterruptedIOException e) {
      throw new OssStreamException(Reason.CLOSED, "interrupted while following " + uri(), e);
    }
    throw unreachable(cause);
  }

  private OssStreamException unreachable(Exception cause) {
    String detail =
        cause instanceof ClientException c
            ? c.getErrorMessage()
            : String.valueOf(cause.getMessage());
    return new OssStreamException(
        Reason.UNREACHABLE, "cannot reach the server for " + uri() + ": " + detail, cause);
  }

  private OssStreamException shrank(long length) {
    return new OssStreamException(
        Reason.REPLACED,
        uri()
            + " shrank"
            + (length >= 0 ? " to " + length + " bytes" : "")
            + " after "
            + position
            + " bytes were read: it was replaced");
  }

  private String uri() {
    return "oss://" + bucket + "/" + key;
  }

  /** Settings of an {@link ObjectFollower}; {@link #open()} sends nothing yet. */
  public static final class Builder {
    private final OSS oss;
    private final String bucket;
    private final String key;
    private long from;
    private boolean follow = true;
    private Duration minInterval = Duration.ofMillis(100);
    private Duration maxInterval = Duration.ofSeconds(2);
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    private Builder(OSS oss, String bucket, String key) {
      this.oss = Objects.requireNonNull(oss, "oss");
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      this.key = Objects.requireNonNull(key, "key");
    }

    /** Where to start reading (default 0, the start of the object). */
    public Builder from(long position) {
      if (position < 0) {
        throw new IllegalArgumentException("position must not be negative");
      }
      this.from = position;
      return this;
    }

    /**
     * Whether to wait for appended bytes (default true); false reads to the object's current end
     * and stops, like {@code cat}.
     */
    public Builder follow(boolean value) {
      this.follow = value;
      return this;
    }

    /** Waits {@code every} between HEADs while nothing changes (no doubling). */
    public Builder pollInterval(Duration every) {
      return pollInterval(every, every);
    }

    /**
     * Waits {@code min} after an empty HEAD, doubling while nothing changes up to {@code max}
     * (default 100 ms to 2 s).
     */
    public Builder pollInterval(Duration min, Duration max) {
      if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("poll intervals need 0 < min <= max");
      }
      this.minInterval = min;
      this.maxInterval = max;
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

    /** The follower, positioned at {@link #from}; the first read sends the first request. */
    public ObjectFollower open() {
      return new ObjectFollower(this);
    }
  }
}
