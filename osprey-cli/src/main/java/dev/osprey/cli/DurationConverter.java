package dev.osprey.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h}, bare seconds, or an ISO-8601 duration.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(v)); // a bare number is seconds
      }
      if (v.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new TypeConversionException(
          "not a duration: " + value + " (use e.g. 500ms, 2s, 1m, 1h)");
    }
  }
}
