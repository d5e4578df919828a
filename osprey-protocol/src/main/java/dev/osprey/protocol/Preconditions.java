package dev.osprey.protocol;

import java.time.Instant;
import java.util.function.Function;

/**
 * The conditional headers of GET and HEAD (spec §2.4), evaluated in RFC 9110's order since OSS
 * documents no precedence: If-Match, then If-Unmodified-Since (only without If-Match);
 * If-None-Match, then If-Modified-Since (only without If-None-Match). A date that does not parse is
 * ignored, as OSS does for If-Modified-Since.
 */
public final class Preconditions {
  private Preconditions() {}

  /**
   * Throws PreconditionFailed (412) or NotModified (304) when the request's conditions say so.
   *
   * @param headers the request headers
   * @param etag the object's ETag without quotes
   * @param lastModified the object's Last-Modified
   * @param parseDate parses an HTTP date, returning null when it cannot
   */
  public static void check(
      Headers headers, String etag, Instant lastModified, Function<String, Instant> parseDate) {
    long modifiedSecond = lastModified.getEpochSecond();
    String ifMatch = headers.get("if-match");
    if (ifMatch != null) {
      if (!matches(ifMatch, etag)) {
        throw OssException.of(OssErrorCode.PRECONDITION_FAILED).detail("Condition", "If-Match");
      }
    } else {
      Instant since = date(headers.get("if-unmodified-since"), parseDate);
      if (since != null && modifiedSecond > since.getEpochSecond()) {
        throw OssException.of(OssErrorCode.PRECONDITION_FAILED)
            .detail("Condition", "If-Unmodified-Since");
      }
    }
    String ifNoneMatch = headers.get("if-none-match");
    if (ifNoneMatch != null) {
      if (matches(ifNoneMatch, etag)) {
        throw OssException.of(OssErrorCode.NOT_MODIFIED);
      }
    } else {
      Instant since = date(headers.get("if-modified-since"), parseDate);
      if (since != null && modifiedSecond <= since.getEpochSecond()) {
        throw OssException.of(OssErrorCode.NOT_MODIFIED);
      }
    }
  }

  private static Instant date(String value, Function<String, Instant> parseDate) {
    return value == null ? null : parseDate.apply(value.trim());
  }

  /** Whether a list of entity tags ({@code "A", W/"B"} or {@code *}) names {@code etag}. */
  static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) {
        return true;
      }
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      if (c.equalsIgnoreCase(etag)) {
        return true;
      }
    }
    return false;
  }
}
