package dev.osprey.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * An HTTP response as read off the socket: status, headers (names lower-cased, values in arrival
 * order) and the body bytes. Helpers read the OSS error XML (spec §4.1) from the body, or from
 * {@code x-oss-err} for HEAD (§2.2).
 */
record RawResponse(int status, String reason, Map<String, List<String>> headers, byte[] body) {

  String header(String name) {
    List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The error XML's child elements by name; read from {@code x-oss-err} when the body is empty. */
  Map<String, String> error() {
    byte[] xml = body;
    if (xml.length == 0 && header("x-oss-err") != null) {
      xml = Base64.getDecoder().decode(header("x-oss-err"));
    }
    return parseFlatXml(xml, "Error");
  }

  String errorCode() {
    return error().get("Code");
  }

  /**
   * Parses {@code <root><A>..</A><B>..</B></root>} into A → text, refusing DTDs like the server
   * does.
   */
  static Map<String, String> parseFlatXml(byte[] xml, String expectedRoot) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
      if (!doc.getDocumentElement().getTagName().equals(expectedRoot)) {
        throw new AssertionError(
            "Expected <" + expectedRoot + "> but got " + new String(xml, StandardCharsets.UTF_8));
      }
      Map<String, String> out = new LinkedHashMap<>();
      NodeList children = doc.getDocumentElement().getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        Node n = children.item(i);
        if (n.getNodeType() == Node.ELEMENT_NODE) {
          out.put(n.getNodeName(), n.getTextContent());
        }
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(
          "Not well-formed XML: " + new String(xml, StandardCharsets.UTF_8), e);
    }
  }

  @Override
  public String toString() {
    return status + " " + reason + " " + headers + (body.length > 0 ? "\n" + text() : "");
  }
}
