package dev.osprey.client;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SealAppendObjectRequest;
import dev.osprey.client.OssStreamException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One writer's append chain on one appendable object (spec §1): where its next byte goes and the
 * CRC-64 of everything before it. Each {@link #append} is sent at the position the previous answer
 * gave, with the SDK checking the CRC chain ({@code setInitCRC}, spec §1.8), and returns once the
 * server acknowledged it. {@link AppendWriter} batches writes on top of this.
 *
 * <p><b>Never twice, never lost.</b> An append is not idempotent: when its answer does not come (a
 * timeout, a dropped connection, a server restart), it may or may not have landed. The session then
 * reads the object's length and CRC-64 with a HEAD: a length of {@code position + len} with the
 * CRC-64 that this chunk extends the chain to means it landed; a length still at {@code position}
 * means it did not, and it is sent again at the same position, where OSS's position check refuses a
 * second copy (PositionNotEqualToLength) should the first attempt still land late. The same check
 * runs after a PositionNotEqualToLength (the SDK's own retry of a request whose answer was lost
 * ends that way).
 *
 * <p><b>Other writers.</b> If someone else appended first, the chunk is sent at the new end: each
 * chunk stays whole and in order, but may interleave with theirs. A chunk found stored byte for
 * byte where it was sent counts as landed. An object that was deleted, shortened or rewritten stops
 * the session ({@link Reason#REPLACED}).
 *
 * <p>Thread-safe: appends are serialised, each sent whole in the order callers take its lock.
 */
public final class AppendSession {
  /** Server answers after which an append may or may not have been applied: retry with a check. */
  private static final Set<String> TRANSIENT =
      Set.of("InternalError", "ServiceUnavailable", "RequestTimeout");

  private final OSS oss;
  private final String bucket;
  private final String key;
  private final RetryPolicy retry;
  private long position;
  private long crc;
  private boolean exists;

  private AppendSession(OSS oss, String bucket, String key, RetryPolicy retry) {
    this.oss = Objects.requireNonNull(oss, "oss");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.key = Objects.requireNonNull(key, "key");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Opens the chain at the object's current end: its length and CRC-64, or 0 when it does not exist
   * yet (the first append creates it).
   *
   * @throws OssStreamException when the object exists and is not appendable, or cannot be read
   */
  public static AppendSession open(OSS oss, String bucket, String key, RetryPolicy retry)
      throws OssStreamException {
    AppendSession s = new AppendSession(oss, bucket, key, retry);
    ObjectState state = s.head(new Backoff(retry));
    if (state != null) {
      s.position = state.length();
      s.crc = state.crc() == null ? 0 : state.crc();
      s.exists = true;
    }
    return s;
  }

  /** Where the next byte goes: the object's length as far as this session knows. */
  public synchronized long position() {
    return position;
  }

  /** The CRC-64 ({@code x-oss-hash-crc64ecma}) of the object's first {@link #position} bytes. */
  public synchronized long crc() {
    return crc;
  }

  /** Appends {@code chunk}; see {@link #append(byte[], int, int)}. */
  public void append(byte[] chunk) throws IOException {
    append(chunk, 0, chunk.length);
  }

  /**
   * Appends {@code chunk[off, off + len)} as one AppendObject and returns once the server
   * acknowledged it; after a lost answer it learns whether it landed (see the class comment).
   *
   * @throws OssStreamException when the server refuses it, cannot be reached for as long as the
   *     retry policy allows, reports a CRC-64 other than the chain's, or the object was replaced
   */
  public synchronized void append(byte[] chunk, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, chunk.length);
    if (len == 0) {
      return;
    }
    Backoff backoff = new Backoff(retry);
    boolean unsure = false; // an earlier attempt may have landed without us hearing the answer
    while (true) {
      try {
        if (unsure && landed(chunk, off, len, backoff)) {
          return;
        }
        unsure = false;
        AppendObjectResult r = oss.appendObject(request(chunk, off, len));
        position = r.getNextPosition();
        crc = r.getServerCRC() != null ? r.getServerCRC() : chain(chunk, off, len);
        exists = true;
        return;
      } catch (InconsistentException e) {
        throw new OssStreamException(
            Reason.CRC_MISMATCH,
            "CRC-64 mismatch after appending at " + position + " to " + uri() + ": " + e,
            e);
      } catch (OSSException e) {
        if ("PositionNotEqualToLength".equals(e.getErrorCode())) {
          if (landed(chunk, off, len, backoff)) {
            return;
          }
        } else if (TRANSIENT.contains(e.getErrorCode())) {
          unsure = true;
          pauseOrGiveUp(backoff, e);
        } else {
          throw refused("append to", e);
        }
      } catch (ClientException e) {
        // The request may or may not have reached the server: wait, then look before sending.
        unsure = true;
        pauseOrGiveUp(backoff, e);
      }
    }
  }

  /**
   * Seals the object at {@link #position} (SealAppendObject, spec §1.10): it takes no more appends
   * and followers stop at its end. An object that was never written is created empty first, so a
   * sealed object always exists afterwards. Sealing again at the same length is harmless, which
   * makes a seal whose answer was lost safe to repeat.
   */
  public synchronized void seal() throws IOException {
    if (!exists) {
      append0();
    }
    Backoff backoff = new Backoff(retry);
    while (true) {
      try {
        oss.sealAppendObject(new SealAppendObjectRequest(bucket, key).withPosition(position));
        return;
      } catch (OSSException e) {
        if (!TRANSIENT.contains(e.getErrorCode())) {
          throw refused("seal", e);
        }
        pauseOrGiveUp(backoff, e);
      } catch (ClientException e) {
        pauseOrGiveUp(backoff, e);
      }
    }
  }

  /** Creates the object empty (an append of no bytes at 0 creates it, spec §1.2). */
  private void append0() throws IOException {
    Backoff backoff = new Backoff(retry);
    while (true) {
      try {
        oss.appendObject(request(new byte[0], 0, 0));
        exists = true;
        return;
      } catch (OSSException e) {
        if ("PositionNotEqualToLength".equals(e.getErrorCode())) {
          adoptEnd(head(backoff)); // someone else created it meanwhile
          return;
        }
        if (!TRANSIENT.contains(e.getErrorCode())) {
          throw refused("create", e);
        }
        pauseOrGiveUp(backoff, e);
      } catch (ClientException e) {
        pauseOrGiveUp(backoff, e);
      }
    }
  }

  /**
   * After an unanswered attempt or a position conflict: true when the chunk is stored where it was
   * sent (this session then stands after it, or at the end if others appended since); false when it
   * is not there, and the session now stands at the object's end, ready to send it again.
   */
  private boolean landed(byte[] chunk, int off, int len, Backoff backoff) throws IOException {
    ObjectState s = head(backoff);
    if (s == null) {
      if (position == 0) {
        return false;
      }
      throw new OssStreamException(
          Reason.REPLACED, uri() + " was deleted while appending at " + position);
    }
    if (s.length() < position) {
      throw new OssStreamException(
          Reason.REPLACED,
          uri() + " shrank from " + position + " to " + s.length() + " bytes while appending");
    }
    long expected = chain(chunk, off, len);
    if (s.length() == position + len && Long.valueOf(expected).equals(s.crc())) {
      position = s.length();
      crc = expected;
      exists = true;
      return true;
    }
    if (s.length() == position) {
      if (s.crc() != null && s.crc() != crc) {
        throw new OssStreamException(
            Reason.REPLACED, uri() + " was rewritten: its CRC-64 is not this writer's chain");
      }
      exists = true;
      return false;
    }
    boolean stored = s.length() >= position + len && storedEquals(position, chunk, off, len);
    adoptEnd(s);
    return stored;
  }

  private void adoptEnd(ObjectState s) {
    position = s.length();
    crc = s.crc() == null ? 0 : s.crc();
    exists = true;
  }

  /** The chain's CRC-64 once {@code chunk[off, off + len)} follows the current position. */
  private long chain(byte[] chunk, int off, int len) {
    CRC64 c = new CRC64();
    c.update(chunk, off, len);
    return CRC64.combine(crc, c.getValue(), len);
  }

  private boolean storedEquals(long at, byte[] chunk, int off, int len) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(at, at + len - 1);
    try (OSSObject o = call(() -> oss.getObject(get), new Backoff(retry));
        InputStream in = o.getObjectContent()) {
      byte[] stored = in.readNBytes(len + 1);
      return Arrays.equals(stored, 0, stored.length, chunk, off, off + len);
    }
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
   * HEADs the object (null when absent), retrying while the server cannot be reached.
   *
   * @throws OssStreamException when it exists and is not appendable
   */
  private ObjectState head(Backoff backoff) throws OssStreamException {
    ObjectState s = call(() -> ObjectState.head(oss, bucket, key), backoff);
    if (s != null && !s.appendable()) {
      throw new OssStreamException(
          Reason.REFUSED, uri() + " exists and is not appendable: it was not written by append");
    }
    return s;
  }

  /** Runs a request that is safe to repeat, retrying while the server cannot be reached. */
  private <T> T call(Supplier<T> request, Backoff backoff) throws OssStreamException {
    while (true) {
      try {
        T result = request.get();
        backoff.reset();
        return result;
      } catch (OSSException e) {
        if (!TRANSIENT.contains(e.getErrorCode())) {
          throw refused("read", e);
        }
        pauseOrGiveUp(backoff, e);
      } catch (ClientException e) {
        pauseOrGiveUp(backoff, e);
      }
    }
  }

  private void pauseOrGiveUp(Backoff backoff, RuntimeException e) throws OssStreamException {
    boolean again;
    try {
      again = backoff.pause();
    } catch (java.io.InterruptedIOException ie) {
      throw new OssStreamException(Reason.CLOSED, "interrupted while appending to " + uri(), e);
    }
    if (!again) {
      String trouble =
          e instanceof OSSException o
              ? "the server kept answering " + o.getErrorCode()
              : "cannot reach the server";
      throw new OssStreamException(
          Reason.UNREACHABLE,
          trouble
              + " for "
              + retry.giveUpAfter().toSeconds()
              + "s while appending to "
              + uri()
              + ": "
              + message(e),
          e);
    }
  }

  private OssStreamException refused(String what, OSSException e) {
    return new OssStreamException(
        Reason.REFUSED,
        what + " " + uri() + " failed: " + e.getErrorCode() + ": " + e.getErrorMessage(),
        e);
  }

  private static String message(RuntimeException e) {
    return switch (e) {
      case OSSException o -> o.getErrorMessage();
      case ClientException c -> c.getErrorMessage();
      default -> e.getMessage();
    };
  }

  private String uri() {
    return "oss://" + bucket + "/" + key;
  }
}
