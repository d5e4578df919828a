package dev.osprey.protocol.xml;

import dev.osprey.protocol.op.BucketOperation.ListObjects;

/**
 * The ListObjects (v1) body (spec §3.5). Prefix, Marker and Delimiter are always present (empty
 * when not asked); every row carries its Owner. With {@code encoding-type=url} the Prefix, Marker,
 * Delimiter, NextMarker, Key and CommonPrefixes values are URL-encoded.
 */
public record ListBucketResult(ListObjects request, ListPage page) {
  public String toXml() {
    boolean url = request.urlEncoding();
    XmlWriter w =
        XmlWriter.document("ListBucketResult")
            .element("Name", request.bucket())
            .element("Prefix", Listings.encode(url, request.prefix()))
            .element("Marker", Listings.encode(url, request.marker()))
            .element("MaxKeys", request.maxKeys())
            .element("Delimiter", Listings.encode(url, request.delimiter()))
            .element("IsTruncated", page.truncated());
    if (page.truncated()) {
      w.optional("NextMarker", Listings.encode(url, page.next()));
    }
    if (url) {
      w.element("EncodingType", "url");
    }
    Listings.writePage(w, page, url, true);
    return w.toXml();
  }
}
