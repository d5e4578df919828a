package dev.osprey.protocol.xml;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Parses a PutObjectTagging body, {@code
 * <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging>} (spec §3.9). Not well-formed or
 * wrongly shaped → MalformedXML; outside the tag limits → InvalidTag.
 */
public final class TaggingRequest {
  private TaggingRequest() {}

  public static Tagging parse(byte[] body) {
    return parse(body, TagRules.OBJECT);
  }

  /** A PutBucketTags body: the same document, under the bucket tag limits. */
  public static Tagging parseBucketTags(byte[] body) {
    return parse(body, TagRules.BUCKET);
  }

  private static Tagging parse(byte[] body, TagRules rules) {
    Element root = SafeXml.parse(body, "Tagging");
    Element tagSet = SafeXml.child(root, "TagSet");
    if (tagSet == null) {
      throw SafeXml.malformed("The Tagging element must contain a TagSet.");
    }
    List<Tag> tags = new ArrayList<>();
    for (Element tag : SafeXml.children(tagSet, "Tag")) {
      String key = SafeXml.childText(tag, "Key");
      if (key == null) {
        throw SafeXml.malformed("Every Tag must have a Key.");
      }
      String value = SafeXml.childText(tag, "Value");
      tags.add(new Tag(key, value == null ? "" : value));
    }
    String violation = rules.check(tags);
    if (violation != null) {
      throw OssException.of(OssErrorCode.INVALID_TAG, violation);
    }
    return new Tagging(tags);
  }
}
