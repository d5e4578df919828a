package dev.osprey.server.api;

import dev.osprey.protocol.RequestHead;
import java.io.InputStream;
import java.time.Instant;

/**
 * A request as the HTTP layer hands it to the {@link RequestProcessor}.
 *
 * @param requestId the {@code x-oss-request-id} of this request
 * @param head method, raw target and headers
 * @param body the request body as a blocking stream (empty when there is none)
 * @param framing how the body is delimited (Content-Length, chunked or absent)
 * @param received when the request line arrived (the clock authentication compares against)
 * @param continuation sends {@code 100 Continue} when the client asked for it; a no-op otherwise
 * @param remoteAddress the client's IP address as a literal (policy condition {@code
 *     acs:SourceIp}), or null when unknown
 * @param connection tells held work that the client's connection closed
 */
public record IncomingRequest(
    String requestId,
    RequestHead head,
    InputStream body,
    BodyFraming framing,
    Instant received,
    Runnable continuation,
    String remoteAddress,
    ConnectionWatch connection) {

  /** A request whose client address is unknown. */
  public IncomingRequest(
      String requestId,
      RequestHead head,
      InputStream body,
      BodyFraming framing,
      Instant received,
      Runnable continuation) {
    this(requestId, head, body, framing, received, continuation, null, ConnectionWatch.NEVER);
  }

  /** How the body is delimited on the wire. */
  public record BodyFraming(long contentLength, boolean chunked) {
    public static final BodyFraming NONE = new BodyFraming(-1, false);

    /** Neither Content-Length nor chunked: OSS answers MissingContentLength for uploads. */
    public boolean missing() {
      return contentLength < 0 && !chunked;
    }

    /** The declared length, or -1 when chunked or absent. */
    public long declaredLength() {
      return chunked ? -1 : contentLength;
    }
  }
}
