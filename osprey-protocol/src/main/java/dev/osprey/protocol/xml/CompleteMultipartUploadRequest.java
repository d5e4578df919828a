package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The CompleteMultipartUpload body, {@code
 * <CompleteMultipartUpload><Part><PartNumber/><ETag/></Part>...</CompleteMultipartUpload>} (spec
 * §3.8), parts in the order given (the order rule is checked by storage: InvalidPartOrder). Shape
 * faults, a part number that is not an integer in 1..10000, or more than 10000 parts →
 * MalformedXML. No part at all is allowed, as OSS allows it: the object is then empty (issue 12).
 */
public record CompleteMultipartUploadRequest(List<Part> parts) {

  /** One {@code <Part>}; {@code etag} as sent, quotes included. */
  public record Part(int partNumber, String etag) {}

  public CompleteMultipartUploadRequest {
    parts = List.copyOf(parts);
  }

  public static CompleteMultipartUploadRequest parse(byte[] body) {
    Element root = SafeXml.parse(body, "CompleteMultipartUpload");
    List<Element> elements = SafeXml.children(root, "Part");
    if (elements.size() > Limits.PARTS) {
      throw SafeXml.malformed(
          "A CompleteMultipartUpload names at most " + Limits.PARTS + " parts.");
    }
    List<Part> parts = new ArrayList<>(elements.size());
    for (Element e : elements) {
      String etag = SafeXml.childText(e, "ETag");
      if (etag == null) {
        throw SafeXml.malformed("Every Part must have an ETag.");
      }
      parts.add(new Part(partNumber(SafeXml.childText(e, "PartNumber")), etag.trim()));
    }
    return new CompleteMultipartUploadRequest(parts);
  }

  private static int partNumber(String text) {
    if (text == null) {
      throw SafeXml.malformed("Every Part must have a PartNumber.");
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= Limits.PARTS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the same error as a number out of range
    }
    throw SafeXml.malformed("PartNumber must be an integer between 1 and " + Limits.PARTS + ".");
  }
}
