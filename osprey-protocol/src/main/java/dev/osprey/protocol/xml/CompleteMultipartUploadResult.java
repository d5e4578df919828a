package dev.osprey.protocol.xml;

/**
 * The CompleteMultipartUpload body (spec §3.8): Location (the object's URL), Bucket, Key and the
 * quoted {@code "<hex>-<N>"} ETag. With {@code encoding-type=url} the Key is URL-encoded.
 */
public record CompleteMultipartUploadResult(
    String location, String bucket, String key, String etag, boolean urlEncoding) {
  public String toXml() {
    XmlWriter w = XmlWriter.document("CompleteMultipartUploadResult");
    if (urlEncoding) {
      w.element("EncodingType", "url");
    }
    return w.element("Location", location)
        .element("Bucket", bucket)
        .element("Key", Listings.encode(urlEncoding, key))
        .element("ETag", ObjectSummary.quoted(etag))
        .toXml();
  }
}
