package dev.osprey.server.api;

import dev.osprey.protocol.RequestHead;
import java.time.Duration;

/**
 * One answered request, as the meters, the access log and bucket logging see it.
 *
 * @param requestId its {@code x-oss-request-id}
 * @param response what it was answered (operation, status, error code, bucket, key, access key)
 * @param bytesIn request body bytes received
 * @param elapsed from the request head to the response being handed to the connection
 * @param remoteAddress the client's IP address, or null when unknown
 * @param head the request line and headers, or null when they could not be parsed
 */
public record CompletedRequest(
    String requestId,
    OssResponse response,
    long bytesIn,
    Duration elapsed,
    String remoteAddress,
    RequestHead head) {

  /** A request whose head is unknown (it could not be parsed). */
  public CompletedRequest(
      String requestId,
      OssResponse response,
      long bytesIn,
      Duration elapsed,
      String remoteAddress) {
    this(requestId, response, bytesIn, elapsed, remoteAddress, null);
  }

  /** Body bytes the response announces (its Content-Length). */
  public long bytesOut() {
    return response.contentLength();
  }
}
