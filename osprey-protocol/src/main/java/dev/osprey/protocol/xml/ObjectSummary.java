package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;

/**
 * One {@code <Contents>} row of a listing (spec §3.5). Independent of how storage keeps objects.
 *
 * @param etag the ETag, quoted or not (quotes are added when missing: OSS sends {@code "..."})
 * @param owner the owner; shown always in ListObjects, only with {@code fetch-owner=true} in
 *     ListObjectsV2
 * @param restoreInfo the object's {@code x-oss-restore} value while it is being or has been
 *     restored ({@code <RestoreInfo>}), null otherwise
 */
public record ObjectSummary(
    String key,
    Instant lastModified,
    String etag,
    ObjectType type,
    long size,
    StorageClass storageClass,
    Owner owner,
    String restoreInfo) {

  /** A row without restore information. */
  public ObjectSummary(
      String key,
      Instant lastModified,
      String etag,
      ObjectType type,
      long size,
      StorageClass storageClass,
      Owner owner) {
    this(key, lastModified, etag, type, size, storageClass, owner, null);
  }

  void write(XmlWriter w, boolean urlEncoding, boolean withOwner) {
    w.start("Contents")
        .element("Key", Listings.encode(urlEncoding, key))
        .element("LastModified", HttpDates.formatIso8601(lastModified))
        .element("ETag", quoted(etag))
        .element("Type", type.wireName())
        .element("Size", size)
        .element("StorageClass", storageClass.wireName());
    if (withOwner) {
      owner.write(w);
    }
    w.optional("RestoreInfo", restoreInfo);
    w.end();
  }

  static String quoted(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }
}
