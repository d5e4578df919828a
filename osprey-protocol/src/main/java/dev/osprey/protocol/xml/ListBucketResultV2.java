package dev.osprey.protocol.xml;

import dev.osprey.protocol.op.BucketOperation.ListObjectsV2;

/**
 * The ListObjectsV2 body (spec §3.6). StartAfter and ContinuationToken echo the request when given;
 * KeyCount counts rows plus common prefixes; rows carry Owner only with {@code fetch-owner=true}.
 * With {@code encoding-type=url} Prefix, StartAfter, ContinuationToken, Delimiter,
 * NextContinuationToken, Key and CommonPrefixes are URL-encoded.
 */
public record ListBucketResultV2(ListObjectsV2 request, ListPage page) {
  public String toXml() {
    boolean url = request.urlEncoding();
    XmlWriter w =
        XmlWriter.document("ListBucketResult")
            .element("Name", request.bucket())
            .element("Prefix", Listings.encode(url, request.prefix()))
            .optional("StartAfter", Listings.encode(url, request.startAfter()))
            .optional("ContinuationToken", Listings.encode(url, request.continuationToken()))
            .element("MaxKeys", request.maxKeys())
            .element("Delimiter", Listings.encode(url, request.delimiter()))
            .element("IsTruncated", page.truncated());
    if (page.truncated()) {
      w.optional("NextContinuationToken", Listings.encode(url, page.next()));
    }
    if (url) {
      w.element("EncodingType", "url");
    }
    w.element("KeyCount", page.contents().size() + page.commonPrefixes().size());
    Listings.writePage(w, page, url, request.fetchOwner());
    return w.toXml();
  }
}
