package dev.osprey.protocol.xml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lets an XML body carry object keys with C0 control characters, as the Java SDK sends them in a
 * DeleteMultipleObjects body: it escapes only tab, LF and CR (as {@code &#x0009;} and the like) and
 * writes the other control characters raw, which XML 1.0 forbids in any form. OSS accepts such keys
 * (issue 12), so such a body is read as XML 1.1, where control characters are allowed as character
 * references: raw ones become references first.
 *
 * <p>Only a body that holds a control character (raw, or as a reference) is rewritten, since XML
 * 1.1 also reads U+0085 and U+2028 as line ends, which would change keys holding them.
 */
final class ControlCharacters {
  private static final String XML11_DECLARATION = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>";

  private ControlCharacters() {}

  /** {@code body} as XML 1.1 when it carries a control character, else unchanged. */
  static byte[] tolerate(byte[] body) {
    if (!hasRawControl(body) && !hasControlReference(body)) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.writeBytes(XML11_DECLARATION.getBytes(StandardCharsets.US_ASCII));
    for (int i = skipDeclaration(body); i < body.length; i++) {
      int b = body[i] & 0xff;
      if (isRestricted(b)) {
        out.writeBytes(("&#x" + Integer.toHexString(b) + ";").getBytes(StandardCharsets.US_ASCII));
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** C0 controls other than tab, LF and CR; NUL stays illegal in XML 1.1 too. */
  private static boolean isRestricted(int b) {
    return b >= 0x01 && b < 0x20 && b != '\t' && b != '\n' && b != '\r';
  }

  private static boolean hasRawControl(byte[] body) {
    for (byte b : body) {
      if (isRestricted(b & 0xff)) {
        return true;
      }
    }
    return false;
  }

  /** A reference such as {@code &#x1;} or {@code &#1;} to a restricted control character. */
  private static boolean hasControlReference(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("&#");
    while (at >= 0) {
      int end = text.indexOf(';', at);
      if (end < 0) {
        return false;
      }
      String number = text.substring(at + 2, end);
      try {
        int c =
            number.startsWith("x") || number.startsWith("X")
                ? Integer.parseInt(number.substring(1), 16)
                : Integer.parseInt(number);
        if (isRestricted(c)) {
          return true;
        }
      } catch (NumberFormatException e) {
        // not a numeric reference: the parser will judge it
      }
      at = text.indexOf("&#", end);
    }
    return false;
  }

  /** Where the body's own XML declaration ends (0 when it has none), so it can be replaced. */
  private static int skipDeclaration(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
    int start = 0;
    while (start < head.length() && Character.isWhitespace(head.charAt(start))) {
      start++;
    }
    if (!head.startsWith("<?xml", start)) {
      return 0;
    }
    int end = head.indexOf("?>", start);
    return end < 0 ? 0 : end + 2;
  }
}
