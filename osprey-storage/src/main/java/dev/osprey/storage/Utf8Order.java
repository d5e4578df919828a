package dev.osprey.storage;

/**
 * The order OSS lists keys in: by UTF-8 bytes, which equals code point order. Java's {@code
 * String.compareTo} compares UTF-16 units and disagrees for characters beyond U+FFFF against
 * U+E000..U+FFFF, so it is not used.
 */
final class Utf8Order {
  private Utf8Order() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * The smallest string sorting after every string that starts with {@code prefix}: the prefix with
   * its last code point incremented (dropping trailing U+10FFFF, skipping surrogates). Null when no
   * such string exists.
   */
  static String successorOfPrefix(String prefix) {
    String p = prefix;
    while (!p.isEmpty()) {
      int last = p.codePointBefore(p.length());
      String head = p.substring(0, p.length() - Character.charCount(last));
      if (last < Character.MAX_CODE_POINT) {
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return head + Character.toString(next);
      }
      p = head;
    }
    return null;
  }
}
