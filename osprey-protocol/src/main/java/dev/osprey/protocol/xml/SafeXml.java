package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses request bodies (CreateBucketConfiguration, Delete, Tagging, ...) into a DOM safely: no
 * DOCTYPE at all (which rules out external entities and entity-expansion bombs), no external DTD or
 * schema access, no XInclude, secure processing on, and a size bound. Any failure is MalformedXML.
 */
public final class SafeXml {

  private static final DocumentBuilderFactory FACTORY = newFactory();

  private static final ErrorHandler FAIL_FAST =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private SafeXml() {}

  /** Parses {@code body} and returns its root element. */
  public static Element parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw malformed("The request body is empty.");
    }
    if (body.length > Limits.XML_BODY_BYTES) {
      throw malformed("The XML body is larger than 1 MiB.");
    }
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      // Without a handler the JDK parser prints "[Fatal Error]" lines to stderr for every bad body.
      builder.setErrorHandler(FAIL_FAST);
      Document doc = builder.parse(new ByteArrayInputStream(body));
      return doc.getDocumentElement();
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw new OssException(OssErrorCode.MALFORMED_XML, null, e);
    }
  }

  /** Parses {@code body} and checks the root element's (local) name. */
  public static Element parse(byte[] body, String rootName) {
    Element root = parse(body);
    if (!rootName.equals(localName(root))) {
      throw malformed("The root element must be " + rootName + ".");
    }
    return root;
  }

  /** Child elements of {@code parent} with the given local name, in document order. */
  public static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(localName(e))) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * The single child element with that name, or null when absent; more than one is MalformedXML.
   */
  public static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.size() > 1) {
      throw malformed("The element " + name + " must appear at most once.");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  /** The text of the single child element with that name, or null when absent. */
  public static String childText(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent();
  }

  static OssException malformed(String message) {
    return OssException.of(OssErrorCode.MALFORMED_XML, message);
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  private static DocumentBuilderFactory newFactory() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }
}
