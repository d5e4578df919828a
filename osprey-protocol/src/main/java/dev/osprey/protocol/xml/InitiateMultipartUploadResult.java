package dev.osprey.protocol.xml;

/**
 * The InitiateMultipartUpload body (spec §3.8). With {@code encoding-type=url} the Key is
 * URL-encoded and EncodingType is added.
 */
public record InitiateMultipartUploadResult(
    String bucket, String key, String uploadId, boolean urlEncoding) {
  public String toXml() {
    XmlWriter w =
        XmlWriter.document("InitiateMultipartUploadResult")
            .element("Bucket", bucket)
            .element("Key", Listings.encode(urlEncoding, key))
            .element("UploadId", uploadId);
    if (urlEncoding) {
      w.element("EncodingType", "url");
    }
    return w.toXml();
  }
}
