package dev.osprey.server;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.xml.ErrorXml;
import dev.osprey.server.api.OssResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The one place an {@link OssException} becomes a response (spec §4.1): the code's HTTP status, the
 * error XML with RequestId and HostId, {@code x-oss-ec} (every code has an EC), and the exception's
 * own headers. HEAD responses cannot carry a body, so the XML travels base64-encoded in {@code
 * x-oss-err} (spec §2.2), which the SDKs decode.
 */
final class ErrorResponses {

  OssResponse render(OssException e, String requestId, String method, String host) {
    OssErrorCode code = e.code();
    OssResponse r = OssResponse.status(code.httpStatus());
    for (Map.Entry<String, String> h : e.headers().entrySet()) {
      r.header(h.getKey(), h.getValue());
    }
    r.header("x-oss-ec", code.ec());
    r.errorCode(code.code());
    if (code == OssErrorCode.NOT_MODIFIED) {
      return r; // 304 never has a body, and clients expect none
    }
    String xml = ErrorXml.of(e, requestId, host == null ? "" : host).toXml();
    if ("HEAD".equals(method)) {
      r.header(
          "x-oss-err", Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8)));
      return r;
    }
    return r.body(
        new OssResponse.BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
  }
}
