package dev.osprey.protocol.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A small streaming builder for response bodies: the {@code <?xml version="1.0" encoding="UTF-8"?>}
 * prolog, then elements indented by two spaces as in OSS's own samples.
 *
 * <p>Text is escaped ({@code & < > " '}; a carriage return as {@code &#xD;} so parsers do not fold
 * it into a line feed). Characters XML 1.0 cannot carry at all, not even as a character reference
 * (control characters other than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates), are replaced
 * by U+FFFD: a response must always parse, and such keys are returned exactly only in the
 * URL-encoded form a client asks for with {@code encoding-type=url} (spec §3.5), which every
 * listing supports.
 */
public final class XmlWriter {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private final StringBuilder out = new StringBuilder(256);
  private final Deque<String> open = new ArrayDeque<>();

  /** Whether the innermost open element has child elements yet (decides where its end tag goes). */
  private boolean hasChildren;

  private XmlWriter(String root) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append('<').append(checkName(root)).append('>');
    open.push(root);
  }

  /** Starts a document with the given root element open. */
  public static XmlWriter document(String root) {
    return new XmlWriter(root);
  }

  /** Opens a child element. */
  public XmlWriter start(String name) {
    newLine();
    out.append('<').append(checkName(name)).append('>');
    open.push(name);
    hasChildren = false;
    return this;
  }

  /** Closes the innermost open element. */
  public XmlWriter end() {
    if (open.size() <= 1) {
      throw new IllegalStateException("no element to close (use toXml() to close the root)");
    }
    closeInnermost();
    return this;
  }

  /**
   * A text element; a null text gives an empty element, which OSS uses for "not set" (e.g. {@code
   * <Marker/>}).
   */
  public XmlWriter element(String name, String text) {
    newLine();
    checkName(name);
    out.append('<').append(name).append('>');
    if (text != null) {
      escape(text);
    }
    out.append("</").append(name).append('>');
    hasChildren = true;
    return this;
  }

  public XmlWriter element(String name, long value) {
    return element(name, Long.toString(value));
  }

  public XmlWriter element(String name, boolean value) {
    return element(name, Boolean.toString(value));
  }

  /** A text element only when {@code text} is not null. */
  public XmlWriter optional(String name, String text) {
    return text == null ? this : element(name, text);
  }

  /**
   * Text directly inside the innermost open element, for roots such as {@code
   * <LocationConstraint>}.
   */
  public XmlWriter text(String text) {
    if (hasChildren) {
      throw new IllegalStateException("mixed content is not produced by OSS");
    }
    escape(text);
    return this;
  }

  /** Closes the root and returns the document. The writer must not be used afterwards. */
  public String toXml() {
    if (open.size() != 1) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    closeInnermost();
    return out.toString();
  }

  public byte[] toBytes() {
    return toXml().getBytes(StandardCharsets.UTF_8);
  }

  private void closeInnermost() {
    String name = open.pop();
    if (hasChildren) {
      out.append('\n').append("  ".repeat(open.size()));
    }
    out.append("</").append(name).append('>');
    hasChildren = true;
  }

  private void newLine() {
    out.append('\n').append("  ".repeat(open.size()));
    hasChildren = true;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an element name: " + name);
    }
    return name;
  }

  private void escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\r' -> out.append("&#xD;");
        case '\t', '\n' -> out.append(c);
        default -> i = appendChecked(text, i, c);
      }
    }
  }

  /**
   * Appends one code point if XML 1.0 allows it, else U+FFFD; returns the index of its last char.
   */
  private int appendChecked(String text, int i, char c) {
    if (Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      out.append(c).append(text.charAt(i + 1));
      return i + 1;
    }
    boolean allowed = c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    out.append(allowed ? c : '\uFFFD');
    return i;
  }
}
