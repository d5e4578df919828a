package dev.osprey.server.api;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.server.api.IncomingRequest.BodyFraming;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** One authenticated, authorized request as handlers see it. */
public record RequestContext(IncomingRequest request, RoutedRequest routed, Principal principal) {

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
   * The body stream. Asking for it is what sends {@code 100 Continue} to a client that waits for
   * one, so a request refused earlier never makes the client upload its body.
   */
  public InputStream body() {
    request.continuation().run();
    return request.body();
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
