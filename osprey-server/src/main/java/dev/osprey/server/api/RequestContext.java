package dev.osprey.server.api;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.TrafficLimit;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.server.api.IncomingRequest.BodyFraming;
import dev.osprey.storage.LendingBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Function;

/** One authenticated, authorized request as handlers see it. */
public record RequestContext(
    IncomingRequest request,
    RoutedRequest routed,
    Principal principal,
    SourceReadCheck sourceRead,
    FormUploadCheck formUpload) {

  /** Authorizes reading another object than the one the request names (a copy's source). */
  @FunctionalInterface
  public interface SourceReadCheck {
    /**
     * Returns when the caller may read {@code bucket/key} (one version of it when {@code versionId}
     * is not null); throws AccessDenied or NoSuchBucket.
     */
    void require(String bucket, String key, String versionId);
  }

  /** Authenticates and authorizes a form upload, whose credentials are fields of its body. */
  @FunctionalInterface
  public interface FormUploadCheck {
    /**
     * Returns who sent the form when its signature holds and that principal may run {@code upload};
     * throws AccessDenied, SignatureDoesNotMatch, InvalidAccessKeyId or NoSuchBucket.
     *
     * @param field a form field's value by lower-case name, null when absent
     */
    Principal require(Function<String, String> field, PutObject upload);
  }

  /** Throws unless the caller may read {@code bucket/key} as a GetObject of it would be judged. */
  public void requireRead(String bucket, String key) {
    sourceRead.require(bucket, key, null);
  }

  /** As {@link #requireRead(String, String)}, for one version (oss:GetObjectVersion, spec §6). */
  public void requireRead(String bucket, String key, String versionId) {
    sourceRead.require(bucket, key, versionId);
  }

  public Headers headers() {
    return request.head().headers();
  }

  public String header(String name) {
    return request.head().headers().get(name);
  }

  public String requestId() {
    return request.requestId();
  }

  public Instant received() {
    return request.received();
  }

  public BodyFraming framing() {
    return request.framing();
  }

  /**
   * The body stream. Reading it is what sends {@code 100 Continue} to a client that waits for one,
   * so a request refused before its body is read never makes the client upload it.
   */
  public InputStream body() {
    InputStream body = request.body();
    return body instanceof LendingBody
        ? new LendingContinueOnFirstRead(body, request.continuation())
        : new ContinueOnFirstRead(body, request.continuation());
  }

  /**
   * The body, read no faster than {@code bytesPerSecond} ({@code x-oss-traffic-limit}); 0 means no
   * limit.
   */
  public InputStream body(long bytesPerSecond) {
    return bytesPerSecond > 0 ? new PacedInputStream(body(), bytesPerSecond) : body();
  }

  /** The request's {@code x-oss-traffic-limit} in bytes per second (0: none); validated. */
  public long trafficLimit() {
    return TrafficLimit.bytesPerSecond(headers(), routed.query());
  }

  /**
   * Sends {@code 100 Continue} only when the body is first read: storage checks what it can before
   * reading (an append at a stale position, a missing bucket), and a refused client then never
   * uploads its body.
   */
  private static class ContinueOnFirstRead extends FilterInputStream {
    private final Runnable continuation;
    private boolean continued;

    ContinueOnFirstRead(InputStream in, Runnable continuation) {
      super(in);
      this.continuation = continuation;
    }

    final void continueOnce() {
      if (!continued) {
        continued = true;
        continuation.run();
      }
    }

    @Override
    public int read() throws IOException {
      continueOnce();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      continueOnce();
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      continueOnce();
      return super.skip(n);
    }
  }

  /** The same, for a body that can lend its bytes in place (the server's own request bodies). */
  private static final class LendingContinueOnFirstRead extends ContinueOnFirstRead
      implements LendingBody {
    LendingContinueOnFirstRead(InputStream in, Runnable continuation) {
      super(in, continuation);
    }

    @Override
    public long lend(Borrower borrower) throws IOException {
      continueOnce();
      return ((LendingBody) in).lend(borrower);
    }
  }

  /**
   * Reads a small body (an XML document) whole; one larger than {@code maxBytes} is refused with
   * {@code tooLarge}.
   */
  public byte[] readSmallBody(int maxBytes, OssErrorCode tooLarge) {
    long declared = framing().declaredLength();
    if (declared > maxBytes) {
      throw OssException.of(tooLarge, "The request body is too large.");
    }
    try {
      byte[] bytes = body().readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw OssException.of(tooLarge, "The request body is too large.");
      }
      return bytes;
    } catch (IOException e) {
      throw new OssException(
          OssErrorCode.INCOMPLETE_BODY, "The request body could not be read.", e);
    }
  }
}
