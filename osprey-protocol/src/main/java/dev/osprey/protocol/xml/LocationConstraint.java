package dev.osprey.protocol.xml;

/**
 * The GetBucketLocation body: the root's text is the location, e.g. {@code oss-cn-hangzhou} (spec
 * §3.7).
 */
public record LocationConstraint(String location) {
  public String toXml() {
    return XmlWriter.document("LocationConstraint").text(location).toXml();
  }
}
