package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;

/** One {@code <Upload>} of a ListMultipartUploads body (spec §3.8). */
public record UploadSummary(
    String key, String uploadId, StorageClass storageClass, Instant initiated) {
  void write(XmlWriter w, boolean urlEncoding) {
    w.start("Upload")
        .element("Key", Listings.encode(urlEncoding, key))
        .element("UploadId", uploadId)
        .element("StorageClass", storageClass.wireName())
        .element("Initiated", HttpDates.formatIso8601(initiated))
        .end();
  }
}
