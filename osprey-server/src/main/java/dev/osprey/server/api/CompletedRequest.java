package dev.osprey.server.api;

import java.time.Duration;

/**
 * One answered request, as the meters and the access log see it.
 *
 * @param requestId its {@code x-oss-request-id}
 * @param response what it was answered (operation, status, error code, bucket, key, access key)
 * @param bytesIn request body bytes received
 * @param elapsed from the request head to the response being handed to the connection
 * @param remoteAddress the client's IP address, or null when unknown
 */
public record CompletedRequest(
    String requestId, OssResponse response, long bytesIn, Duration elapsed, String remoteAddress) {

  /** Body bytes the response announces (its Content-Length). */
  public long bytesOut() {
    return response.contentLength();
  }
}
