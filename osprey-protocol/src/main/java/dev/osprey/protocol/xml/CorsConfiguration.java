package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A PutBucketCors body, {@code <CORSConfiguration><CORSRule>...</CORSRule>...<ResponseVary/>}, and
 * the matching of a cross-origin request against its rules. Limits as OSS documents them: at most
 * {@value #MAX_RULES} rules and a body of at most {@value #MAX_BODY_BYTES} bytes; each rule has at
 * least one AllowedOrigin and one AllowedMethod (GET, PUT, DELETE, POST or HEAD); an AllowedOrigin
 * or AllowedHeader holds at most one {@code *}; an ExposeHeader holds none. Violations are
 * InvalidArgument; wrong shape is MalformedXML.
 */
public record CorsConfiguration(List<Rule> rules, boolean responseVary) {
  public static final int MAX_RULES = Limits.CORS_RULES;
  public static final int MAX_BODY_BYTES = Limits.CORS_BODY_BYTES;
  static final Set<String> METHODS = Set.of("GET", "PUT", "DELETE", "POST", "HEAD");

  public CorsConfiguration {
    rules = List.copyOf(rules);
  }

  /**
   * One CORSRule. Origins match with {@code *} as a wildcard and case-sensitively; header names
   * case-insensitively.
   *
   * @param maxAgeSeconds null when the rule has none
   */
  public record Rule(
      List<String> allowedOrigins,
      List<String> allowedMethods,
      List<String> allowedHeaders,
      List<String> exposeHeaders,
      Integer maxAgeSeconds) {
    public Rule {
      allowedOrigins = List.copyOf(allowedOrigins);
      allowedMethods = List.copyOf(allowedMethods);
      allowedHeaders = List.copyOf(allowedHeaders);
      exposeHeaders = List.copyOf(exposeHeaders);
    }

    public boolean allowsOrigin(String origin) {
      return allowedOrigins.stream().anyMatch(p -> Wildcard.matches(p, origin, false));
    }

    public boolean allowsMethod(String method) {
      return allowedMethods.contains(method);
    }

    /** Whether every header named in {@code Access-Control-Request-Headers} is allowed. */
    public boolean allowsHeaders(List<String> requestHeaders) {
      for (String h : requestHeaders) {
        if (allowedHeaders.stream().noneMatch(p -> Wildcard.matches(p, h, true))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The first rule that allows this origin, method and request headers (OSS applies the first
   * match, spec-less but documented on the PutBucketCors page).
   */
  public Optional<Rule> match(String origin, String method, List<String> requestHeaders) {
    for (Rule r : rules) {
      if (r.allowsOrigin(origin) && r.allowsMethod(method) && r.allowsHeaders(requestHeaders)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Splits an {@code Access-Control-Request-Headers} value into lower-case names. */
  public static List<String> headerList(String value) {
    List<String> names = new ArrayList<>();
    if (value == null) {
      return names;
    }
    for (String part : value.split(",")) {
      String name = part.trim();
      if (!name.isEmpty()) {
        names.add(name.toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  public static CorsConfiguration parse(byte[] body) {
    Element root = SafeXml.parse(body, "CORSConfiguration");
    List<Element> ruleElements = SafeXml.children(root, "CORSRule");
    if (ruleElements.size() > MAX_RULES) {
      throw invalid("A bucket can have at most " + MAX_RULES + " CORS rules.");
    }
    if (ruleElements.isEmpty()) {
      throw SafeXml.malformed("A CORSConfiguration must hold at least one CORSRule.");
    }
    List<Rule> rules = new ArrayList<>();
    for (Element e : ruleElements) {
      rules.add(rule(e));
    }
    String vary = SafeXml.childText(root, "ResponseVary");
    if (vary != null && !"true".equals(vary.trim()) && !"false".equals(vary.trim())) {
      throw SafeXml.malformed("ResponseVary must be true or false.");
    }
    return new CorsConfiguration(rules, vary != null && "true".equals(vary.trim()));
  }

  private static Rule rule(Element e) {
    List<String> origins = texts(e, "AllowedOrigin");
    List<String> methods = texts(e, "AllowedMethod");
    List<String> headers = texts(e, "AllowedHeader");
    List<String> expose = texts(e, "ExposeHeader");
    if (origins.isEmpty() || methods.isEmpty()) {
      throw invalid("Every CORSRule needs at least one AllowedOrigin and one AllowedMethod.");
    }
    for (String o : origins) {
      requireAtMostOneStar(o, "AllowedOrigin");
    }
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        throw invalid("Unsupported method in AllowedMethod: " + m);
      }
    }
    for (String h : headers) {
      requireAtMostOneStar(h, "AllowedHeader");
    }
    for (String h : expose) {
      if (h.indexOf('*') >= 0) {
        throw invalid("ExposeHeader may not contain a wildcard: " + h);
      }
    }
    return new Rule(origins, methods, headers, expose, maxAge(e));
  }

  private static Integer maxAge(Element rule) {
    String text = SafeXml.childText(rule, "MaxAgeSeconds");
    if (text == null) {
      return null;
    }
    try {
      int seconds = Integer.parseInt(text.trim());
      if (seconds < 0) {
        throw invalid("MaxAgeSeconds must not be negative.");
      }
      return seconds;
    } catch (NumberFormatException ex) {
      throw invalid("MaxAgeSeconds must be an integer: " + text);
    }
  }

  private static void requireAtMostOneStar(String value, String element) {
    if (value.indexOf('*') != value.lastIndexOf('*')) {
      throw invalid(element + " may contain at most one wildcard: " + value);
    }
  }

  private static List<String> texts(Element parent, String name) {
    List<String> out = new ArrayList<>();
    for (Element e : SafeXml.children(parent, name)) {
      String t = e.getTextContent().trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static OssException invalid(String message) {
    return OssException.of(OssErrorCode.INVALID_ARGUMENT, message);
  }
}
