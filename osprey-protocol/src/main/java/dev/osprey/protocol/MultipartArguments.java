package dev.osprey.protocol;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The query arguments of ListParts and ListMultipartUploads (spec §3.8), read and checked; each
 * fault is InvalidArgument naming the argument.
 */
public final class MultipartArguments {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private final QueryParams query;

  public MultipartArguments(QueryParams query) {
    this.query = query;
  }

  /** {@code max-parts}: 1..1000, 1000 when absent. */
  public int maxParts() {
    return bounded("max-parts", 1, Limits.LIST_PAGE, Limits.LIST_PAGE);
  }

  /** {@code part-number-marker}: 0..10000, 0 when absent. */
  public int partNumberMarker() {
    return bounded("part-number-marker", 0, Limits.PARTS, 0);
  }

  /** {@code max-uploads}: 1..1000, 1000 when absent. */
  public int maxUploads() {
    return bounded("max-uploads", 1, Limits.LIST_PAGE, Limits.LIST_PAGE);
  }

  /** A listing argument (prefix, delimiter, key-marker, upload-id-marker); null when absent. */
  public String listing(String name) {
    String value = query.get(name);
    if (value != null
        && value.getBytes(StandardCharsets.UTF_8).length > Limits.LISTING_ARGUMENT_BYTES) {
      throw OssException.invalidArgument(
          "The length of " + name + " must be less than 1024 bytes.", name, value);
    }
    return value;
  }

  /** Whether {@code encoding-type=url} was asked (the router already refused other values). */
  public boolean urlEncoding() {
    return "url".equals(query.get("encoding-type"));
  }

  private int bounded(String name, int min, int max, int absent) {
    if (!query.has(name)) {
      return absent;
    }
    String raw = query.get(name);
    if (raw == null || !DIGITS.matcher(raw).matches()) {
      throw OssException.invalidArgument(name + " must be an integer.", name, raw);
    }
    int value = Integer.parseInt(raw);
    if (value < min || value > max) {
      throw OssException.invalidArgument(
          name + " must be between " + min + " and " + max + ".", name, raw);
    }
    return value;
  }
}
