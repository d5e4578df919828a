package dev.osprey.protocol.xml;

import java.util.List;

/**
 * The ListMultipartUploads body (spec §3.8). The markers of the request are echoed (empty when not
 * given); NextKeyMarker and NextUploadIdMarker (the Go v2 SDK's name; the 2021 doc table's
 * "NextUploadMarker" is not what SDKs parse) name where the next page starts. With {@code
 * encoding-type=url} Delimiter, KeyMarker, NextKeyMarker, Prefix, Key and CommonPrefixes are
 * URL-encoded.
 */
public record ListMultipartUploadsResult(
    Request request,
    boolean truncated,
    String nextKeyMarker,
    String nextUploadIdMarker,
    List<UploadSummary> uploads,
    List<String> commonPrefixes) {

  /** What the page was asked for. */
  public record Request(
      String bucket,
      String prefix,
      String delimiter,
      String keyMarker,
      String uploadIdMarker,
      int maxUploads,
      boolean urlEncoding) {}

  public ListMultipartUploadsResult {
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  public String toXml() {
    boolean url = request.urlEncoding();
    XmlWriter w =
        XmlWriter.document("ListMultipartUploadsResult")
            .element("Bucket", request.bucket())
            .element("KeyMarker", Listings.encode(url, request.keyMarker()))
            .element("UploadIdMarker", request.uploadIdMarker())
            .element("NextKeyMarker", Listings.encode(url, nextKeyMarker))
            .element("NextUploadIdMarker", nextUploadIdMarker)
            .element("Delimiter", Listings.encode(url, request.delimiter()))
            .element("Prefix", Listings.encode(url, request.prefix()))
            .element("MaxUploads", request.maxUploads())
            .element("IsTruncated", truncated);
    if (url) {
      w.element("EncodingType", "url");
    }
    for (UploadSummary u : uploads) {
      u.write(w, url);
    }
    for (String prefix : commonPrefixes) {
      w.start("CommonPrefixes").element("Prefix", Listings.encode(url, prefix)).end();
    }
    return w.toXml();
  }
}
