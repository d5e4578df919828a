package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.BucketOperation.ListObjectVersions;
import java.time.Instant;
import java.util.List;

/**
 * The ListObjectVersions body, {@code <ListVersionsResult>}: request echo (Name, Prefix, KeyMarker,
 * VersionIdMarker, MaxKeys, Delimiter, IsTruncated), NextKeyMarker and NextVersionIdMarker when
 * truncated, then one {@code <Version>} or {@code <DeleteMarker>} per row in listing order, then
 * CommonPrefixes. With {@code encoding-type=url} the Prefix, KeyMarker, Delimiter, NextKeyMarker,
 * Key and common prefix values are URL-encoded (version ids never need it).
 */
public record ListVersionsResult(
    ListObjectVersions request,
    List<Row> rows,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextVersionIdMarker) {

  /**
   * One version or delete marker; a delete marker has no ETag, Type, Size or StorageClass.
   *
   * @param etag quoted or not (quotes are added)
   */
  public record Row(
      String key,
      String versionId,
      boolean latest,
      boolean deleteMarker,
      Instant lastModified,
      String etag,
      ObjectType type,
      long size,
      StorageClass storageClass,
      Owner owner,
      String restoreInfo) {
    /** A row without restore information. */
    public Row(
        String key,
        String versionId,
        boolean latest,
        boolean deleteMarker,
        Instant lastModified,
        String etag,
        ObjectType type,
        long size,
        StorageClass storageClass,
        Owner owner) {
      this(
          key,
          versionId,
          latest,
          deleteMarker,
          lastModified,
          etag,
          type,
          size,
          storageClass,
          owner,
          null);
    }
  }

  public ListVersionsResult {
    rows = List.copyOf(rows);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  public String toXml() {
    boolean url = request.urlEncoding();
    XmlWriter w =
        XmlWriter.document("ListVersionsResult")
            .element("Name", request.bucket())
            .element("Prefix", Listings.encode(url, request.prefix()))
            .element("KeyMarker", Listings.encode(url, request.keyMarker()))
            .element("VersionIdMarker", request.versionIdMarker())
            .element("MaxKeys", request.maxKeys())
            .element("Delimiter", Listings.encode(url, request.delimiter()))
            .element("IsTruncated", truncated);
    if (truncated) {
      w.optional("NextKeyMarker", Listings.encode(url, nextKeyMarker));
      w.optional("NextVersionIdMarker", nextVersionIdMarker);
    }
    if (url) {
      w.element("EncodingType", "url");
    }
    for (Row r : rows) {
      w.start(r.deleteMarker() ? "DeleteMarker" : "Version")
          .element("Key", Listings.encode(url, r.key()))
          .element("VersionId", r.versionId())
          .element("IsLatest", r.latest())
          .element("LastModified", HttpDates.formatIso8601(r.lastModified()));
      if (!r.deleteMarker()) {
        w.element("ETag", ObjectSummary.quoted(r.etag()))
            .element("Type", r.type().wireName())
            .element("Size", r.size())
            .element("StorageClass", r.storageClass().wireName());
      }
      r.owner().write(w);
      w.optional("RestoreInfo", r.restoreInfo());
      w.end();
    }
    for (String prefix : commonPrefixes) {
      w.start("CommonPrefixes").element("Prefix", Listings.encode(url, prefix)).end();
    }
    return w.toXml();
  }
}
