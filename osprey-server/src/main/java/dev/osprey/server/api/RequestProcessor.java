package dev.osprey.server.api;

import dev.osprey.protocol.OssException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a request into a response: route, authenticate, authorize, handle. Never throws: errors
 * become responses.
 */
public interface RequestProcessor {
  OssResponse process(IncomingRequest request);

  /**
   * As {@link #process}, for a caller that can write the response later: a request waiting for a
   * group commit gives its thread back, and the stage completes (never exceptionally) where the
   * commit completes.
   */
  default CompletionStage<OssResponse> processAsync(IncomingRequest request) {
    return CompletableFuture.completedFuture(process(request));
  }

  /** Renders an error raised outside {@link #process} (e.g. by the HTTP decoder) the same way. */
  OssResponse error(OssException error, String requestId, String method, String host);
}
