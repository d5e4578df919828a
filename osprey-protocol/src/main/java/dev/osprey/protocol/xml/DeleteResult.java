package dev.osprey.protocol.xml;

import java.util.List;

/**
 * The DeleteMultipleObjects body (spec §3.4): one {@code <Deleted>} per key, none in quiet mode
 * (which lists only failures, and Osprey reports none: deleting an absent key succeeds). The root
 * element is always sent, so SDK parsers never meet an empty body. With {@code encoding-type=url}
 * keys are URL-encoded.
 */
public record DeleteResult(boolean quiet, boolean urlEncoding, List<Deleted> deleted) {
  public DeleteResult {
    deleted = List.copyOf(deleted);
  }

  /**
   * One {@code <Deleted>}.
   *
   * @param versionId the {@code VersionId} the request named, or null
   * @param deleteMarkerVersionId when a delete marker was created (or, by versionId, removed): its
   *     id, written with {@code <DeleteMarker>true</DeleteMarker>}; null otherwise
   */
  public record Deleted(String key, String versionId, String deleteMarkerVersionId) {
    /** A key deleted in a bucket never versioned. */
    public static Deleted of(String key) {
      return new Deleted(key, null, null);
    }
  }

  public String toXml() {
    XmlWriter w = XmlWriter.document("DeleteResult");
    if (urlEncoding) {
      w.element("EncodingType", "url");
    }
    if (!quiet) {
      for (Deleted d : deleted) {
        w.start("Deleted").element("Key", Listings.encode(urlEncoding, d.key()));
        if (d.versionId() != null) {
          w.element("VersionId", d.versionId());
        }
        if (d.deleteMarkerVersionId() != null) {
          w.element("DeleteMarker", "true")
              .element("DeleteMarkerVersionId", d.deleteMarkerVersionId());
        }
        w.end();
      }
    }
    return w.toXml();
  }
}
