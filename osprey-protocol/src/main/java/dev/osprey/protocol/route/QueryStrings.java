package dev.osprey.protocol.route;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.UrlEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a raw query string: split on {@code &}, then on the first {@code =}; names and values
 * percent-decoded strictly, {@code +} literal. {@code name} (null value) and {@code name=} ({@code
 * ""}) stay distinct.
 */
final class QueryStrings {
  private QueryStrings() {}

  static QueryParams parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return QueryParams.EMPTY;
    }
    List<QueryParams.Param> params = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? null : decode(part.substring(eq + 1));
      if (!name.isEmpty()) {
        params.add(new QueryParams.Param(name, value));
      }
    }
    return new QueryParams(params);
  }

  private static String decode(String s) {
    try {
      return UrlEncoding.decode(s);
    } catch (IllegalArgumentException e) {
      throw OssException.of(
          OssErrorCode.INVALID_URI,
          "Couldn't parse the specified URI: query " + e.getMessage() + ".");
    }
  }
}
