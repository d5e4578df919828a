package dev.osprey.client;

import com.aliyun.oss.OSSException;
import java.io.IOException;

/**
 * Why an {@link AppendWriter}, an {@link AppendSession} or an {@link ObjectFollower} stopped. When
 * the server refused a request, the SDK's {@link OSSException} (its code, message and request id)
 * is the {@linkplain #getCause() cause}.
 */
public final class OssStreamException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that decide what to do next. */
  public enum Reason {
    /** The server answered with an error that retrying cannot cure (see the cause). */
    REFUSED,
    /** The server could not be reached for as long as the {@link RetryPolicy} allows. */
    UNREACHABLE,
    /** A CRC-64 reported by the server differs from the one computed over the bytes. */
    CRC_MISMATCH,
    /** The object was deleted, shortened or rewritten by someone else. */
    REPLACED,
    /** The writer or follower was closed, or interrupted. */
    CLOSED
  }

  private final Reason reason;

  OssStreamException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  OssStreamException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The OSS error code when the server refused a request ({@code NoSuchKey}, ...), else null. */
  public String errorCode() {
    return getCause() instanceof OSSException o ? o.getErrorCode() : null;
  }
}
