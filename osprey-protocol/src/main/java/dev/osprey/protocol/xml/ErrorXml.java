package dev.osprey.protocol.xml;

import dev.osprey.protocol.OssException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body (spec §4.1): Code, Message, RequestId, HostId, then the error's own details in the
 * order they were added ({@code Key}, {@code BucketName}, {@code ArgumentName}/{@code
 * ArgumentValue}, ...), then EC when the code has one. OSS also sends a {@code RecommendDoc} link
 * to its own troubleshooting site; Osprey leaves it out.
 *
 * @param ec the fine-grained error code, or null
 */
public record ErrorXml(
    String code,
    String message,
    String requestId,
    String hostId,
    Map<String, String> details,
    String ec) {

  public ErrorXml {
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * The body for {@code e}, answered under {@code requestId} by {@code hostId} (the Host the client
   * used).
   */
  public static ErrorXml of(OssException e, String requestId, String hostId) {
    return new ErrorXml(
        e.code().code(), e.getMessage(), requestId, hostId, e.details(), e.code().ec());
  }

  public String toXml() {
    XmlWriter w =
        XmlWriter.document("Error")
            .element("Code", code)
            .element("Message", message)
            .element("RequestId", requestId)
            .element("HostId", hostId);
    details.forEach(w::element);
    w.optional("EC", ec);
    return w.toXml();
  }
}
