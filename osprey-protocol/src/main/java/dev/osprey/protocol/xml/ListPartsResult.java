package dev.osprey.protocol.xml;

import dev.osprey.protocol.StorageClass;
import java.util.List;

/**
 * The ListParts body (spec §3.8). PartNumberMarker echoes the request (0 when absent);
 * NextPartNumberMarker is the last part number listed, which the Java SDK sends back as the next
 * marker, and is left out when no part is listed, as OSS does.
 */
public record ListPartsResult(
    Upload upload,
    int partNumberMarker,
    int nextPartNumberMarker,
    int maxParts,
    boolean truncated,
    List<PartSummary> parts,
    boolean urlEncoding) {

  /** Which upload the parts belong to. */
  public record Upload(String bucket, String key, String uploadId, StorageClass storageClass) {}

  public ListPartsResult {
    parts = List.copyOf(parts);
  }

  public String toXml() {
    XmlWriter w =
        XmlWriter.document("ListPartsResult")
            .element("Bucket", upload.bucket())
            .element("Key", Listings.encode(urlEncoding, upload.key()))
            .element("UploadId", upload.uploadId());
    if (urlEncoding) {
      w.element("EncodingType", "url");
    }
    w.element("StorageClass", upload.storageClass().wireName())
        .element("PartNumberMarker", partNumberMarker);
    if (!parts.isEmpty()) {
      w.element("NextPartNumberMarker", nextPartNumberMarker);
    }
    w.element("MaxParts", maxParts).element("IsTruncated", truncated);
    for (PartSummary p : parts) {
      p.write(w);
    }
    return w.toXml();
  }
}
