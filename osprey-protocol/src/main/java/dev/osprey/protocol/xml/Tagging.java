package dev.osprey.protocol.xml;

import java.util.List;

/**
 * An object's tag set (spec §3.9): the GetObjectTagging body, and what {@link TaggingRequest} and
 * {@link TaggingHeader} parse (already checked against the limits).
 */
public record Tagging(List<Tag> tags) {
  public static final Tagging EMPTY = new Tagging(List.of());

  public Tagging {
    tags = List.copyOf(tags);
  }

  public String toXml() {
    XmlWriter w = XmlWriter.document("Tagging").start("TagSet");
    for (Tag t : tags) {
      w.start("Tag").element("Key", t.key()).element("Value", t.value()).end();
    }
    return w.end().toXml();
  }
}
