package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import java.time.Instant;

/** The CopyObject body (spec §3.2): the destination's quoted ETag and Last-Modified. */
public record CopyObjectResult(String etag, Instant lastModified) {
  public String toXml() {
    return XmlWriter.document("CopyObjectResult")
        .element("ETag", ObjectSummary.quoted(etag))
        .element("LastModified", HttpDates.formatIso8601(lastModified))
        .toXml();
  }
}
