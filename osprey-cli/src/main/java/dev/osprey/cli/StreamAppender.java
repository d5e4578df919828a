package dev.osprey.cli;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Appends chunks to one appendable object the way OSS recommends (spec §8): start at the object's
 * next position (0 when absent), send each chunk at the position the previous answer gave, and let
 * the SDK check the CRC-64 chain ({@code setInitCRC}). After PositionNotEqualToLength it re-reads
 * the object: if the chunk is already there (a request that succeeded but whose answer was lost) it
 * moves on, otherwise it appends at the new end, so nothing is duplicated or lost.
 */
public final class StreamAppender {
  /** How long an appender keeps retrying while the server cannot be reached. */
  public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);

  private final OSS oss;
  private final String bucket;
  private final String key;
  private long position;
  private long crc;
  private Duration retryFor = DEFAULT_RETRY_FOR;

  /** Opens the target: reads its next position and CRC, or starts at 0 when it does not exist. */
  public StreamAppender(OSS oss, String bucket, String key) throws IOException {
    this.oss = oss;
    this.bucket = bucket;
    this.key = key;
    State s = head();
    this.position = s == null ? 0 : s.length();
    this.crc = s == null ? 0 : s.crc();
  }

  /** Sets how long to keep retrying while the server cannot be reached; returns this. */
  public StreamAppender retryFor(Duration value) {
    this.retryFor = value;
    return this;
  }

  /** Where the next chunk goes: the object's length as far as this appender knows. */
  public long position() {
    return position;
  }

  /** Appends {@code chunk[off, off + len)}; returns once the server acknowledged it (durably). */
  public void append(byte[] chunk, int off, int len) throws IOException {
    if (len == 0) {
      return;
    }
    Backoff backoff = new Backoff(Duration.ofSeconds(5), retryFor);
    boolean unsure = false; // an earlier attempt may have landed without us hearing the answer
    while (true) {
      try {
        if (unsure && landedUnheard(chunk, off, len)) {
          return;
        }
        unsure = false;
        AppendObjectResult r = oss.appendObject(request(chunk, off, len));
        position = r.getNextPosition();
        crc =
            r.getServerCRC() != null ? r.getServerCRC() : Long.parseUnsignedLong(r.getObjectCRC());
        return;
      } catch (InconsistentException e) {
        throw new IOException(
            "CRC-64 mismatch after appending at "
                + position
                + ": the object is not what"
                + " this appender expected",
            e);
      } catch (OSSException e) {
        if (!"PositionNotEqualToLength".equals(e.getErrorCode())) {
          throw new IOException(
              "append to oss://"
                  + bucket
                  + "/"
                  + key
                  + " failed: "
                  + e.getErrorCode()
                  + ": "
                  + e.getErrorMessage(),
              e);
        }
        if (resync(chunk, off, len)) {
          return;
        }
      } catch (ClientException e) {
        // The request may or may not have reached the server (a restart, a dropped connection):
        // wait, then learn from the object's length and CRC-64 whether it landed.
        unsure = true;
        if (!pause(backoff, e)) {
          throw new IOException(
              "cannot reach the server for " + retryFor.toSeconds() + "s: " + e.getErrorMessage(),
              e);
        }
      }
    }
  }

  private static boolean pause(Backoff backoff, ClientException e) throws IOException {
    try {
      return backoff.pause();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  /**
   * After an unanswered attempt: true when the object now ends with this chunk (its length is the
   * position plus the chunk, and its CRC-64 is our chain extended by the chunk), false when it is
   * still at the position (send again). Anything else is someone else's write: resync decides.
   */
  private boolean landedUnheard(byte[] chunk, int off, int len) throws IOException {
    State s = head();
    long length = s == null ? 0 : s.length();
    if (length == position) {
      return false;
    }
    CRC64 c = new CRC64();
    c.update(chunk, off, len);
    long expected = CRC64.combine(crc, c.getValue(), len);
    if (s != null && length == position + len && s.crc() == expected) {
      position = length;
      crc = expected;
      return true;
    }
    return resync(chunk, off, len);
  }

  private AppendObjectRequest request(byte[] chunk, int off, int len) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(len);
    AppendObjectRequest req =
        new AppendObjectRequest(bucket, key, new ByteArrayInputStream(chunk, off, len), meta);
    req.setPosition(position);
    req.setInitCRC(crc);
    return req;
  }

  /**
   * Re-reads the object after a position conflict. Returns true when the chunk turns out to be
   * stored at the position we sent it to (so it must not be sent again); otherwise moves to the new
   * end and returns false.
   */
  private boolean resync(byte[] chunk, int off, int len) throws IOException {
    State s = head();
    if (s == null || s.length() < position) {
      throw new IOException(
          "oss://" + bucket + "/" + key + " was deleted or replaced while appending");
    }
    boolean landed = s.length() >= position + len && storedEquals(position, chunk, off, len);
    position = s.length();
    crc = s.crc();
    return landed;
  }

  private boolean storedEquals(long at, byte[] chunk, int off, int len) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(at, at + len - 1);
    try (OSSObject o = oss.getObject(get);
        InputStream in = o.getObjectContent()) {
      byte[] stored = in.readNBytes(len + 1);
      return Arrays.equals(stored, 0, stored.length, chunk, off, off + len);
    }
  }

  private record State(long length, long crc) {}

  private State head() throws IOException {
    try {
      ObjectMetadata m = oss.getObjectMetadata(bucket, key);
      if (!"Appendable".equals(m.getObjectType())) {
        throw new IOException(
            "oss://"
                + bucket
                + "/"
                + key
                + " exists and is not appendable ("
                + m.getObjectType()
                + ")");
      }
      Long serverCrc = m.getServerCRC();
      return new State(m.getContentLength(), serverCrc == null ? 0 : serverCrc);
    } catch (OSSException e) {
      if (OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode())) {
        return null;
      }
      throw new IOException("cannot read oss://" + bucket + "/" + key + ": " + e.getErrorCode(), e);
    }
  }
}
