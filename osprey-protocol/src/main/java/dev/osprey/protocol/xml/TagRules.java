package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tag limits. Object tags (spec §3.9): at most 10 tags, unique keys, key 1–128 bytes, value at most
 * 256 bytes, and only letters, digits, space and {@code + - = . _ : /}. "Letters" and "digits" are
 * taken in the Unicode sense. Bucket tags (PutBucketTags page): at most 20 tags, key 1–64 bytes and
 * not starting with {@code http://}, {@code https://} or {@code Aliyun}, value at most 128 bytes,
 * any UTF-8.
 */
enum TagRules {
  OBJECT("An object", Limits.TAGS, Limits.TAG_KEY_BYTES, Limits.TAG_VALUE_BYTES),
  BUCKET(
      "A bucket", Limits.BUCKET_TAGS, Limits.BUCKET_TAG_KEY_BYTES, Limits.BUCKET_TAG_VALUE_BYTES);

  private final String owner;
  private final int maxTags;
  private final int maxKeyBytes;
  private final int maxValueBytes;

  TagRules(String owner, int maxTags, int maxKeyBytes, int maxValueBytes) {
    this.owner = owner;
    this.maxTags = maxTags;
    this.maxKeyBytes = maxKeyBytes;
    this.maxValueBytes = maxValueBytes;
  }

  /** What is wrong with object tags, or null when they are acceptable. */
  static String violation(List<Tag> tags) {
    return OBJECT.check(tags);
  }

  /** What is wrong with {@code tags}, or null when they are acceptable. */
  String check(List<Tag> tags) {
    if (tags.size() > maxTags) {
      return owner + " can have at most " + maxTags + " tags.";
    }
    Set<String> keys = new HashSet<>();
    for (Tag t : tags) {
      int keyBytes = t.key().getBytes(StandardCharsets.UTF_8).length;
      if (keyBytes < 1 || keyBytes > maxKeyBytes) {
        return "A tag key must be 1 to " + maxKeyBytes + " bytes long.";
      }
      if (t.value().getBytes(StandardCharsets.UTF_8).length > maxValueBytes) {
        return "A tag value must be at most " + maxValueBytes + " bytes long.";
      }
      String problem = this == OBJECT ? objectCharset(t) : bucketPrefix(t);
      if (problem != null) {
        return problem;
      }
      if (!keys.add(t.key())) {
        return "Tag keys must be unique: " + t.key();
      }
    }
    return null;
  }

  private static String objectCharset(Tag t) {
    return allowed(t.key()) && allowed(t.value())
        ? null
        : "Tag keys and values may contain only letters, digits, spaces and + - = . _ : /";
  }

  private static String bucketPrefix(Tag t) {
    String k = t.key();
    return k.startsWith("http://") || k.startsWith("https://") || k.startsWith("Aliyun")
        ? "A bucket tag key may not start with http://, https:// or Aliyun."
        : null;
  }

  private static boolean allowed(String s) {
    return s.codePoints()
        .allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || "+-=._:/".indexOf(c) >= 0);
  }
}
