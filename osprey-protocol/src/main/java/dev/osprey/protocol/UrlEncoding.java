package dev.osprey.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as OSS and its SDKs use it.
 *
 * <p>{@link #encode} is the {@code encoding-type=url} form of listing and delete responses (spec
 * §3.5): every byte of the UTF-8 form except the RFC 3986 unreserved characters {@code A-Z a-z 0-9
 * - . _ ~} becomes {@code %XX} (upper-case hex). So {@code /} is {@code %2F} and {@code !} is
 * {@code %21}, as in OSS's documented sample ({@code fun%2Fmovie%2F001.avi}, {@code
 * hello%20world%21}); a space is {@code %20} and {@code +} is {@code %2B}, which is what SDKs
 * decoding with {@code URLDecoder} (Java) or {@code url.QueryUnescape} (Go) need, since both read a
 * bare {@code +} as a space.
 *
 * <p>{@link #decode} is strict: {@code +} stays a plus (SDKs send spaces as {@code %20}), a
 * malformed escape or bytes that are not UTF-8 are refused rather than guessed at.
 */
public final class UrlEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlEncoding() {}

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  public static String encode(String value) {
    return encode(value, false);
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters and, when {@code keepSlash}, the
   * {@code /} separating path segments (the V4 canonical URI form, spec §5.3).
   */
  public static String encode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c) || (c == '/' && keepSlash)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /** {@link #encode} when {@code urlEncoding} is set, else the value unchanged; null stays null. */
  public static String encodeIf(boolean urlEncoding, String value) {
    return urlEncoding && value != null ? encode(value) : value;
  }

  /**
   * Decodes {@code %XX} escapes into UTF-8 text; every other character, {@code +} included, stands
   * for itself.
   *
   * @throws IllegalArgumentException on a truncated or non-hex escape, or bytes that are not valid
   *     UTF-8
   */
  public static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteBuffer bytes = ByteBuffer.allocate(value.length() * 3);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%') {
        if (i + 2 >= value.length()) {
          throw new IllegalArgumentException("truncated percent escape");
        }
        bytes.put((byte) (hexValue(value.charAt(i + 1)) << 4 | hexValue(value.charAt(i + 2))));
        i += 2;
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        // Raw non-ASCII in a request target: take its UTF-8 form (lone surrogates make the decode
        // below fail).
        int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
        bytes.put(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    bytes.flip();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent escapes are not valid UTF-8", e);
    }
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hexValue(char c) {
    int v = Character.digit(c, 16);
    if (v < 0) {
      throw new IllegalArgumentException("bad hex digit in percent escape");
    }
    return v;
  }
}
