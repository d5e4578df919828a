package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import java.time.Instant;

/** One {@code <Part>} of a ListParts body (spec §3.8). */
public record PartSummary(int partNumber, Instant lastModified, String etag, long size) {
  void write(XmlWriter w) {
    w.start("Part")
        .element("PartNumber", partNumber)
        .element("LastModified", HttpDates.formatIso8601(lastModified))
        .element("ETag", ObjectSummary.quoted(etag))
        .element("Size", size)
        .end();
  }
}
