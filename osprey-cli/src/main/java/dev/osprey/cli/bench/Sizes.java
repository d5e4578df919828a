package dev.osprey.cli.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Byte sizes as warp writes them: {@code 1024}, {@code 4KiB}, {@code 1MiB}, {@code 1GiB} (also KB,
 * MB: powers of ten).
 */
final class Sizes implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    String v = value.trim();
    String lower = v.toLowerCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {
      {"kib", "1024"},
      {"mib", "1048576"},
      {"gib", "1073741824"},
      {"kb", "1000"},
      {"mb", "1000000"},
      {"gb", "1000000000"},
      {"k", "1024"},
      {"m", "1048576"},
      {"b", "1"}
    };
    String digits = lower;
    for (String[] u : units) {
      if (lower.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        digits = lower.substring(0, lower.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(digits) * unit;
      if (n < 1 || n > Integer.MAX_VALUE - 64) {
        throw new TypeConversionException("size out of range (1 B to 2 GiB): " + value);
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a size: " + value + " (use e.g. 1KiB, 4MiB, 1024)");
    }
  }

  static String format(long bytes) {
    if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) {
      return bytes / (1 << 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " B";
  }
}
