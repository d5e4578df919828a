package dev.osprey.protocol.xml;

import java.util.List;

/**
 * The ListBuckets body (spec §3.7). The paging elements (Prefix, Marker, MaxKeys, IsTruncated,
 * NextMarker) appear only when the request filtered or paged (prefix, marker or max-keys given) or
 * the result is truncated, as OSS does.
 *
 * @param prefix the request's prefix, or null
 * @param marker the request's marker, or null
 * @param maxKeys the request's max-keys, or null when the request did not carry {@code max-keys}
 * @param nextMarker where the next page starts; only used when {@code truncated}
 */
public record ListAllMyBucketsResult(
    Owner owner,
    List<BucketSummary> buckets,
    String prefix,
    String marker,
    Integer maxKeys,
    boolean truncated,
    String nextMarker) {

  public ListAllMyBucketsResult {
    buckets = List.copyOf(buckets);
  }

  public String toXml() {
    XmlWriter w = XmlWriter.document("ListAllMyBucketsResult");
    if (prefix != null || marker != null || maxKeys != null || truncated) {
      w.element("Prefix", prefix).element("Marker", marker);
      w.optional("MaxKeys", maxKeys == null ? null : maxKeys.toString());
      w.element("IsTruncated", truncated);
      if (truncated) {
        w.optional("NextMarker", nextMarker);
      }
    }
    owner.write(w);
    w.start("Buckets");
    for (BucketSummary b : buckets) {
      b.write(w);
    }
    w.end();
    return w.toXml();
  }
}
