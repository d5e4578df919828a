package dev.osprey.protocol;

import java.util.Optional;

/**
 * A single byte range of a GET, resolved against the object's size (spec §2.3).
 *
 * <p>OSS's default is lenient: a Range it cannot satisfy, or cannot parse, is ignored and the whole
 * object is sent with 200. With {@code x-oss-range-behavior: standard} it behaves like RFC 9110: an
 * end past the object is cut to the last byte, a start past the object is 416 InvalidRange. Choices
 * where OSS documents nothing (noted in docs/api-coverage.md): several ranges are ignored by
 * default and 416 in standard mode; a suffix longer than the object is ignored by default and means
 * the whole object (206) in standard mode; a Range that is not of the {@code bytes=} form is
 * ignored in both modes, as RFC 9110 says. {@code bytes=-0} is 416 in both modes, as OSS answers.
 *
 * @param first offset of the first byte
 * @param last offset of the last byte (inclusive)
 */
public record ByteRange(long first, long last) {

  public long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} value for this range of an object of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /**
   * Resolves a {@code Range} header.
   *
   * @param header the header value, or null
   * @param size the object's size
   * @param standard whether {@code x-oss-range-behavior: standard} was sent
   * @return the range to send with 206, or empty to send the whole object with 200
   * @throws OssException InvalidRange (416) in standard mode when nothing of the object can be sent
   */
  public static Optional<ByteRange> resolve(String header, long size, boolean standard) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.trim();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    if (spec.contains(",")) {
      return unsatisfiable(standard, size);
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String startText = spec.substring(0, dash).trim();
    String endText = spec.substring(dash + 1).trim();
    Long start = parseOffset(startText);
    Long end = parseOffset(endText);
    if ((!startText.isEmpty() && start == null) || (!endText.isEmpty() && end == null)) {
      return Optional.empty(); // not a number: syntactically invalid, ignored
    }
    if (start == null) {
      return suffix(end, size, standard);
    }
    if (end != null && end < start) {
      return Optional.empty(); // "bytes=5-3" is syntactically invalid in RFC 9110: ignored
    }
    if (start >= size) {
      return unsatisfiable(standard, size);
    }
    if (end == null) {
      return Optional.of(new ByteRange(start, size - 1));
    }
    if (end >= size) {
      return standard ? Optional.of(new ByteRange(start, size - 1)) : Optional.empty();
    }
    return Optional.of(new ByteRange(start, end));
  }

  private static Optional<ByteRange> suffix(Long length, long size, boolean standard) {
    if (length == null) {
      return Optional.empty();
    }
    if (length == 0) {
      // "bytes=-0" asks for no byte at all: OSS answers 416 InvalidRange in both modes (issue 12)
      return unsatisfiable(true, size);
    }
    if (size == 0) {
      return unsatisfiable(standard, size);
    }
    if (length > size) {
      return standard ? Optional.of(new ByteRange(0, size - 1)) : Optional.empty();
    }
    return Optional.of(new ByteRange(size - length, size - 1));
  }

  private static Optional<ByteRange> unsatisfiable(boolean standard, long size) {
    if (standard) {
      throw OssException.of(OssErrorCode.INVALID_RANGE).header("Content-Range", "bytes */" + size);
    }
    return Optional.empty();
  }

  private static Long parseOffset(String s) {
    if (s.isEmpty() || s.length() > 19) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException pastLongMax) {
      return null; // 19 digits above Long.MAX_VALUE: as longer numbers, not an offset (ignored)
    }
  }
}
