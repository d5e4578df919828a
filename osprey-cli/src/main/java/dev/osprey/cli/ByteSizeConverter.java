package dev.osprey.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a byte count: {@code 1048576}, {@code 64KiB}, {@code 512MiB}, {@code 2GiB}, {@code 1TiB}
 * (also {@code K}, {@code M}, {@code G}, {@code T} as powers of two, and KB, MB, GB, TB as powers
 * of ten). Zero and positive values only.
 */
public final class ByteSizeConverter implements ITypeConverter<Long> {
  private static final String[][] UNITS = {
    {"kib", "1024"},
    {"mib", "1048576"},
    {"gib", "1073741824"},
    {"tib", "1099511627776"},
    {"kb", "1000"},
    {"mb", "1000000"},
    {"gb", "1000000000"},
    {"tb", "1000000000000"},
    {"k", "1024"},
    {"m", "1048576"},
    {"g", "1073741824"},
    {"t", "1099511627776"},
    {"b", "1"}
  };

  @Override
  public Long convert(String value) {
    String lower = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    String digits = lower;
    for (String[] u : UNITS) {
      if (lower.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        digits = lower.substring(0, lower.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Math.multiplyExact(Long.parseLong(digits), unit);
      if (n < 0) {
        throw new TypeConversionException("a size must not be negative: " + value);
      }
      return n;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("not a size: " + value + " (use e.g. 64MiB, 10GiB, 1024)");
    }
  }
}
