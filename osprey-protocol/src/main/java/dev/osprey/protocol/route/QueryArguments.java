package dev.osprey.protocol.route;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of query parameters; each failure is InvalidArgument with
 * ArgumentName/Value.
 */
final class QueryArguments {
  static final int DEFAULT_MAX_KEYS = 100;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

  private final QueryParams query;

  QueryArguments(QueryParams query) {
    this.query = query;
  }

  QueryParams query() {
    return query;
  }

  boolean has(String name) {
    return query.has(name);
  }

  /** The value, or null when absent or written without {@code =}. */
  String string(String name) {
    return query.get(name);
  }

  /** A listing argument (prefix, marker, ...) with its length bound; null when absent. */
  String listingArgument(String name) {
    String value = query.get(name);
    if (value != null
        && value.getBytes(StandardCharsets.UTF_8).length > Limits.LISTING_ARGUMENT_BYTES) {
      throw OssException.invalidArgument(
          "The length of " + name + " must be less than 1024 bytes.", name, value);
    }
    return value;
  }

  /** {@code max-keys}: 1..1000, 100 when absent. */
  int maxKeys() {
    if (!query.has("max-keys")) {
      return DEFAULT_MAX_KEYS;
    }
    String raw = query.get("max-keys");
    long value = parseNonNegative("max-keys", raw);
    if (value < 1 || value > Limits.LIST_PAGE) {
      throw OssException.invalidArgument("max-keys must be between 1 and 1000.", "max-keys", raw);
    }
    return (int) value;
  }

  /**
   * {@code position}: a non-negative long, null when absent (the handler answers MissingArgument,
   * spec §1.1).
   */
  Long position() {
    if (!query.has("position")) {
      return null;
    }
    return parseNonNegative("position", query.get("position"));
  }

  /** A non-negative integer argument; the caller checked presence. */
  long nonNegative(String name) {
    return parseNonNegative(name, query.get(name));
  }

  /** {@code partNumber}: 1..10000; the caller checked presence. */
  int partNumber() {
    String raw = query.get("partNumber");
    long value = parseNonNegative("partNumber", raw);
    if (value < 1 || value > Limits.PARTS) {
      throw OssException.invalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive.", "partNumber", raw);
    }
    return (int) value;
  }

  /** {@code encoding-type}: only {@code url} exists; true when given. */
  boolean urlEncoding() {
    if (!query.has("encoding-type")) {
      return false;
    }
    String raw = query.get("encoding-type");
    if (!"url".equals(raw)) {
      throw OssException.invalidArgument("The encoding-type must be url.", "encoding-type", raw);
    }
    return true;
  }

  /** {@code fetch-owner}: true or false, false when absent. */
  boolean fetchOwner() {
    if (!query.has("fetch-owner")) {
      return false;
    }
    String raw = query.get("fetch-owner");
    if ("true".equalsIgnoreCase(raw)) {
      return true;
    }
    if ("false".equalsIgnoreCase(raw)) {
      return false;
    }
    throw OssException.invalidArgument("fetch-owner must be true or false.", "fetch-owner", raw);
  }

  /** {@code list-type}: when present it must be 2. */
  boolean listTypeV2() {
    if (!query.has("list-type")) {
      return false;
    }
    String raw = query.get("list-type");
    if (!"2".equals(raw)) {
      throw OssException.invalidArgument("The list-type must be 2.", "list-type", raw);
    }
    return true;
  }

  private static long parseNonNegative(String name, String raw) {
    if (raw == null || !DIGITS.matcher(raw).matches()) {
      throw OssException.invalidArgument(name + " must be a non-negative integer.", name, raw);
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw OssException.invalidArgument(name + " is out of range.", name, raw);
    }
  }
}
