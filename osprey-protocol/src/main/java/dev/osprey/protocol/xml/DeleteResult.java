package dev.osprey.protocol.xml;

import java.util.List;

/**
 * The DeleteMultipleObjects body (spec §3.4): one {@code <Deleted>} per key, none in quiet mode
 * (which lists only failures, and Osprey reports none: deleting an absent key succeeds). The root
 * element is always sent, so SDK parsers never meet an empty body. With {@code encoding-type=url}
 * keys are URL-encoded.
 */
public record DeleteResult(boolean quiet, boolean urlEncoding, List<String> deletedKeys) {
  public DeleteResult {
    deletedKeys = List.copyOf(deletedKeys);
  }

  public String toXml() {
    XmlWriter w = XmlWriter.document("DeleteResult");
    if (urlEncoding) {
      w.element("EncodingType", "url");
    }
    if (!quiet) {
      for (String key : deletedKeys) {
        w.start("Deleted").element("Key", Listings.encode(urlEncoding, key)).end();
      }
    }
    return w.toXml();
  }
}
