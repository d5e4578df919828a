package dev.osprey.protocol;

/**
 * Wildcard patterns of RAM policies, CORS origins and Referer lists: {@code *} matches any run of
 * characters (also none, also {@code /}), {@code ?} exactly one; everything else literally.
 * Iterative with backtracking to the last star, so the cost is O(pattern × text) even for patterns
 * like {@code *a*a*a*b}.
 */
public final class Wildcard {
  private Wildcard() {}

  public static boolean matches(String pattern, String text, boolean ignoreCase) {
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && pattern.charAt(p) != '*'
          && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t), ignoreCase))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
  }
}
