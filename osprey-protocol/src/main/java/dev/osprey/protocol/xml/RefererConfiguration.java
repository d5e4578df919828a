package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Wildcard;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * A bucket's hotlink protection (PutBucketReferer, {@code <RefererConfiguration>}): whether a
 * request without a Referer is allowed, whether the query string is cut off before matching, a
 * whitelist and a blacklist of Referer patterns with {@code *} and {@code ?} wildcards. A bucket
 * without one allows every Referer ({@link #DEFAULT}). Limits: at most {@value #MAX_BODY_BYTES}
 * bytes of body (OSS documents 20 KB for the lists).
 */
public record RefererConfiguration(
    boolean allowEmptyReferer,
    boolean allowTruncateQueryString,
    List<String> whitelist,
    List<String> blacklist) {
  public static final int MAX_BODY_BYTES = Limits.REFERER_BODY_BYTES;

  /** What GetBucketReferer shows for a bucket that never had a configuration. */
  public static final RefererConfiguration DEFAULT =
      new RefererConfiguration(true, true, List.of(), List.of());

  public RefererConfiguration {
    whitelist = List.copyOf(whitelist);
    blacklist = List.copyOf(blacklist);
  }

  /**
   * Whether a request carrying this Referer (null or empty: none) may read: a blacklisted Referer
   * never; otherwise an empty one when allowed, any when the whitelist is empty, else one the
   * whitelist matches. Matching is case-insensitive, on the Referer with its query string removed
   * when {@link #allowTruncateQueryString}.
   */
  public boolean allows(String referer) {
    if (referer == null || referer.isEmpty()) {
      return allowEmptyReferer;
    }
    String candidate = referer;
    if (allowTruncateQueryString) {
      int q = candidate.indexOf('?');
      if (q >= 0) {
        candidate = candidate.substring(0, q);
      }
    }
    if (matchesAny(blacklist, candidate, referer)) {
      return false;
    }
    return whitelist.isEmpty() || matchesAny(whitelist, candidate, referer);
  }

  private static boolean matchesAny(List<String> patterns, String truncated, String full) {
    for (String p : patterns) {
      if (Wildcard.matches(p, truncated, true) || Wildcard.matches(p, full, true)) {
        return true;
      }
    }
    return false;
  }

  public String toXml() {
    XmlWriter w =
        XmlWriter.document("RefererConfiguration")
            .element("AllowEmptyReferer", allowEmptyReferer)
            .element("AllowTruncateQueryString", allowTruncateQueryString)
            .start("RefererList");
    for (String r : whitelist) {
      w.element("Referer", r);
    }
    w.end().start("RefererBlacklist");
    for (String r : blacklist) {
      w.element("Referer", r);
    }
    return w.end().toXml();
  }

  public static RefererConfiguration parse(byte[] body) {
    Element root = SafeXml.parse(body, "RefererConfiguration");
    String allowEmpty = SafeXml.childText(root, "AllowEmptyReferer");
    if (allowEmpty == null) {
      throw SafeXml.malformed("A RefererConfiguration must have AllowEmptyReferer.");
    }
    String truncate = SafeXml.childText(root, "AllowTruncateQueryString");
    return new RefererConfiguration(
        bool(allowEmpty, "AllowEmptyReferer"),
        truncate == null || bool(truncate, "AllowTruncateQueryString"),
        referers(root, "RefererList"),
        referers(root, "RefererBlacklist"));
  }

  private static boolean bool(String text, String element) {
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw OssException.of(OssErrorCode.INVALID_ARGUMENT, element + " must be true or false.");
    };
  }

  private static List<String> referers(Element root, String listName) {
    List<String> out = new ArrayList<>();
    Element list = SafeXml.child(root, listName);
    if (list == null) {
      return out;
    }
    for (Element r : SafeXml.children(list, "Referer")) {
      String t = r.getTextContent().trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
