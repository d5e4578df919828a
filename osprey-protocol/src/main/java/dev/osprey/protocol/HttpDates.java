package dev.osprey.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The date forms OSS uses (spec §0): RFC 1123 in HTTP headers, ISO 8601 with milliseconds in XML
 * bodies, and ISO 8601 "basic" ({@code 20231216T162057Z}) in V4 signatures (spec §5.3). All in UTC.
 */
public final class HttpDates {
  // DateTimeFormatter.RFC_1123_DATE_TIME prints single-digit days without padding ("Thu, 1 Jan");
  // OSS and the SDKs
  // always pad, so the pattern is spelled out.
  private static final DateTimeFormatter RFC_1123_OUT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** Lenient on the day padding, the zone name and a missing weekday; strict on everything else. */
  private static final DateTimeFormatter RFC_1123_IN = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** RFC 850: {@code Sunday, 06-Nov-94 08:49:37 GMT}; two-digit years are read as 1970..2069. */
  private static final DateTimeFormatter RFC_850 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendText(ChronoField.DAY_OF_WEEK, TextStyle.FULL)
          .appendLiteral(", ")
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('-')
          .appendText(ChronoField.MONTH_OF_YEAR, TextStyle.SHORT)
          .appendLiteral('-')
          .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
          .appendLiteral(' ')
          .appendPattern("HH:mm:ss")
          .appendLiteral(" GMT")
          .toFormatter(Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  /** asctime: {@code Sun Nov 6 08:49:37 1994} (day padded with a space). */
  private static final DateTimeFormatter ASCTIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("EEE MMM")
          .appendLiteral(' ')
          .padNext(2)
          .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE)
          .appendPattern(" HH:mm:ss uuuu")
          .toFormatter(Locale.ENGLISH)
          .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter ISO_8601_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter ISO_8601_BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);

  private HttpDates() {}

  /** {@code Thu, 17 Nov 2005 18:49:58 GMT}. */
  public static String formatRfc1123(Instant instant) {
    return RFC_1123_OUT.format(instant);
  }

  /** Parses an HTTP date (RFC 1123, else RFC 850, else asctime); null when it is none of them. */
  public static Instant parseRfc1123(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    try {
      return Instant.from(RFC_1123_IN.parse(s));
    } catch (DateTimeParseException e) {
      // fall through to the obsolete forms RFC 9110 §5.6.7 still asks recipients to accept
    }
    try {
      return LocalDateTime.parse(s, RFC_850).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // next form
    }
    try {
      return LocalDateTime.parse(s, ASCTIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * {@code 2012-02-24T08:43:07.000Z}, the form of {@code LastModified} and friends in XML bodies.
   * Always whole seconds, as OSS sends them: a listing and the {@code Last-Modified} header of a
   * HEAD (RFC 1123, whole seconds) must name the same instant for clients that compare them.
   */
  public static String formatIso8601(Instant instant) {
    return ISO_8601_MILLIS.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** {@code 20231216T162057Z}, as used by {@code x-oss-date} in V4 signatures. */
  public static String formatIso8601Basic(Instant instant) {
    return ISO_8601_BASIC.format(instant);
  }

  /** Parses {@code 20231216T162057Z}; null when the text is not exactly that form. */
  public static Instant parseIso8601Basic(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.trim(), ISO_8601_BASIC).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
