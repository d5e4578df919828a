package dev.osprey.server.api;

import dev.osprey.protocol.OssException;

/**
 * Turns a request into a response: route, authenticate, authorize, handle. Never throws: errors
 * become responses.
 */
public interface RequestProcessor {
  OssResponse process(IncomingRequest request);

  /** Renders an error raised outside {@link #process} (e.g. by the HTTP decoder) the same way. */
  OssResponse error(OssException error, String requestId, String method, String host);
}
