package dev.osprey.protocol.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Dates inside XML bodies: ISO 8601 with milliseconds, UTC ({@code 2012-02-24T08:43:07.000Z}, spec
 * §0).
 */
final class IsoDates {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private IsoDates() {}

  static String format(Instant instant) {
    return FORMAT.format(instant);
  }
}
