package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import java.time.Instant;

/** The UploadPartCopy body: the new part's Last-Modified and quoted ETag (the SDK reads ETag). */
public record CopyPartResult(String etag, Instant lastModified) {
  public String toXml() {
    return XmlWriter.document("CopyPartResult")
        .element("LastModified", HttpDates.formatIso8601(lastModified))
        .element("ETag", ObjectSummary.quoted(etag))
        .toXml();
  }
}
