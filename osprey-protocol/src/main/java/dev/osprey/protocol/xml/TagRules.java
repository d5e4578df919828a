package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Object tag limits (spec §3.9): at most 10 tags, unique keys, key 1–128 bytes, value at most 256
 * bytes, and only letters, digits, space and {@code + - = . _ : /}. "Letters" and "digits" are
 * taken in the Unicode sense.
 */
final class TagRules {

  private TagRules() {}

  /** What is wrong with {@code tags}, or null when they are acceptable. */
  static String violation(List<Tag> tags) {
    if (tags.size() > Limits.TAGS) {
      return "An object can have at most " + Limits.TAGS + " tags.";
    }
    Set<String> keys = new HashSet<>();
    for (Tag t : tags) {
      int keyBytes = t.key().getBytes(StandardCharsets.UTF_8).length;
      if (keyBytes < 1 || keyBytes > Limits.TAG_KEY_BYTES) {
        return "A tag key must be 1 to " + Limits.TAG_KEY_BYTES + " bytes long.";
      }
      if (t.value().getBytes(StandardCharsets.UTF_8).length > Limits.TAG_VALUE_BYTES) {
        return "A tag value must be at most " + Limits.TAG_VALUE_BYTES + " bytes long.";
      }
      if (!allowed(t.key()) || !allowed(t.value())) {
        return "Tag keys and values may contain only letters, digits, spaces and + - = . _ : /";
      }
      if (!keys.add(t.key())) {
        return "Tag keys must be unique: " + t.key();
      }
    }
    return null;
  }

  private static boolean allowed(String s) {
    return s.codePoints()
        .allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || "+-=._:/".indexOf(c) >= 0);
  }
}
