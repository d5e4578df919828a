package dev.osprey.client;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Osprey's live tail from the client side (docs/append.md, "Live tail"): a GetObject of the bytes
 * from a position that the server holds until they are acknowledged. The request is also an
 * ordinary ranged GET ({@code Range: bytes=N-}), so a server without the tail (real OSS) answers it
 * as one; its answer then lacks {@code x-osprey-tail}, and this tail reports {@link
 * Kind#UNSUPPORTED} once and for all, the follower going back to polling.
 */
final class LiveTail {
  /** The query parameter naming the position (and asking for the tail). */
  static final String POSITION = "x-osprey-tail";

  /** The query parameter bounding the server's wait, in whole seconds. */
  static final String WAIT = "x-osprey-wait";

  /** The response header every tail answer carries. */
  static final String HEADER = "x-osprey-tail";

  /** What one tail request found. */
  enum Kind {
    /** Bytes from the position: {@link Answer#body} holds them. */
    BYTES,
    /** Nothing new within the wait: ask again. */
    NOTHING_YET,
    /** No object (not created yet, at position 0): wait for it by polling. */
    ABSENT,
    /** Read to the end of an object that takes no more bytes. */
    END,
    /** The object was deleted, replaced, or is shorter than the position. */
    REPLACED,
    /** The server cannot hold this request now (too many waiters): poll this time. */
    BUSY,
    /** The server has no live tail: poll from now on. */
    UNSUPPORTED
  }

  /** An answer; {@code body} is set (and to be closed by the caller) for {@link Kind#BYTES}. */
  record Answer(Kind kind, OSSObject body, String detail) {}

  private final OSS oss;
  private final String bucket;
  private final String key;
  private final long waitSeconds;
  private volatile boolean supported = true;

  /**
   * @param wait how long the server may hold a request; the follower's {@code close()} waits at
   *     most this long for a request under way, so it is kept to its polling interval's maximum
   */
  LiveTail(OSS oss, String bucket, String key, Duration wait) {
    this.oss = oss;
    this.bucket = bucket;
    this.key = key;
    this.waitSeconds = Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** False once the server showed it has no live tail. */
  boolean supported() {
    return supported;
  }

  /**
   * Asks for the bytes from {@code position}. Connection failures are thrown as the SDK's {@link
   * com.aliyun.oss.ClientException}; refusals other than the ones a tail expects as its {@link
   * OSSException}.
   */
  Answer await(long position) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(position, -1);
    get.addParameter(POSITION, Long.toString(position));
    get.addParameter(WAIT, Long.toString(waitSeconds));
    OSSObject o;
    try {
      o = oss.getObject(get);
    } catch (OSSException e) {
      return refused(e, position);
    }
    String outcome = header(o, HEADER);
    if (outcome == null) {
      supported = false;
      o.forcedClose();
      return new Answer(Kind.UNSUPPORTED, null, null);
    }
    return switch (outcome) {
      case "data" -> new Answer(Kind.BYTES, o, null);
      case "end" -> closed(o, Kind.END, null);
      case "replaced" -> closed(o, Kind.REPLACED, "it was replaced");
      default -> closed(o, Kind.NOTHING_YET, null);
    };
  }

  private static Answer closed(OSSObject o, Kind kind, String detail) throws IOException {
    o.forcedClose();
    return new Answer(kind, null, detail);
  }

  private static Answer refused(OSSException e, long position) {
    String code = e.getErrorCode();
    if (OSSErrorCode.NO_SUCH_KEY.equals(code)) {
      // An error answer cannot tell a tail server from a plain one, so an object not created yet
      // is waited for by polling, as against OSS.
      return position == 0
          ? new Answer(Kind.ABSENT, null, null)
          : new Answer(Kind.REPLACED, null, "it was deleted");
    }
    if ("InvalidRange".equals(code)) {
      return new Answer(Kind.REPLACED, null, "it shrank below " + position + " bytes");
    }
    if ("ServiceUnavailable".equals(code)) {
      return new Answer(Kind.BUSY, null, null);
    }
    throw e;
  }

  /** A response header, by case-insensitive name; null when absent. */
  static String header(OSSObject o, String name) {
    for (Map.Entry<String, String> h : o.getResponse().getHeaders().entrySet()) {
      if (name.equalsIgnoreCase(h.getKey())) {
        return h.getValue();
      }
    }
    return null;
  }
}
