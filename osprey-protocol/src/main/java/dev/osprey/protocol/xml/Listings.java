package dev.osprey.protocol.xml;

import dev.osprey.protocol.UrlEncoding;

/** Bits shared by the listing bodies. */
final class Listings {
  private Listings() {}

  static String encode(boolean urlEncoding, String value) {
    return UrlEncoding.encodeIf(urlEncoding, value);
  }

  static void writePage(XmlWriter w, ListPage page, boolean urlEncoding, boolean withOwner) {
    for (ObjectSummary o : page.contents()) {
      o.write(w, urlEncoding, withOwner);
    }
    for (String prefix : page.commonPrefixes()) {
      w.start("CommonPrefixes").element("Prefix", encode(urlEncoding, prefix)).end();
    }
  }
}
