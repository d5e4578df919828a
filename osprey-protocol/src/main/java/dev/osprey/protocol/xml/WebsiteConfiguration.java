package dev.osprey.protocol.xml;

import dev.osprey.protocol.ObjectKeys;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.w3c.dom.Element;

/**
 * A PutBucketWebsite body, {@code <WebsiteConfiguration>}: an IndexDocument (Suffix, SupportSubDir,
 * Type), an ErrorDocument (Key, HttpStatus) and RoutingRules. Osprey serves the index and error
 * documents and the rules' common subset: a Condition on KeyPrefixEquals and
 * HttpErrorCodeReturnedEquals, and a Redirect of RedirectType External (Protocol, HostName,
 * ReplaceKeyWith or ReplaceKeyPrefixWith, HttpRedirectCode). A rule of another RedirectType
 * (Mirror, AliCDN, Internal) is stored and reported but never applied. Not well-formed or wrongly
 * shaped → MalformedXML; neither document given, a bad Type or HttpStatus → InvalidArgument.
 *
 * @param indexSuffix the index document's name (e.g. {@code index.html}), or null
 * @param supportSubDir whether {@code dir/} is answered with {@code dir/<suffix>}
 * @param subDirType what a key without its {@code /} gets when it is missing and SupportSubDir is
 *     on: 0 a redirect to {@code key/} when {@code key/<suffix>} exists, 1 NoSuchKey (or the error
 *     document), 2 {@code key/<suffix>} itself
 * @param errorKey the error document's key, or null
 * @param errorStatus the status the error document is served with: 404 (default) or 200
 * @param rules the routing rules, by RuleNumber
 */
public record WebsiteConfiguration(
    String indexSuffix,
    boolean supportSubDir,
    int subDirType,
    String errorKey,
    int errorStatus,
    List<RoutingRule> rules) {
  public static final int MAX_RULES = 20;

  public WebsiteConfiguration {
    rules = List.copyOf(rules);
  }

  /**
   * One routing rule; null fields are absent.
   *
   * @param keyPrefix the Condition's KeyPrefixEquals
   * @param errorCode the Condition's HttpErrorCodeReturnedEquals, 0 when absent
   * @param redirectType External, Mirror, AliCDN or Internal
   * @param redirectCode the HttpRedirectCode (301, 302 or 307; default 302)
   */
  public record RoutingRule(
      int number,
      String keyPrefix,
      int errorCode,
      String redirectType,
      String protocol,
      String hostName,
      String replaceKeyWith,
      String replaceKeyPrefixWith,
      int redirectCode) {

    /** Whether this rule is one Osprey applies: an External redirect. */
    public boolean applied() {
      return "External".equals(redirectType);
    }

    /** Whether the rule's condition holds for {@code key} answered with {@code status}. */
    public boolean matches(String key, int status) {
      return (keyPrefix == null || key.startsWith(keyPrefix))
          && (errorCode == 0 || errorCode == status);
    }

    /** The key the redirect names for {@code key}. */
    public String redirectKey(String key) {
      if (replaceKeyWith != null) {
        return replaceKeyWith;
      }
      if (replaceKeyPrefixWith != null && keyPrefix != null) {
        return replaceKeyPrefixWith + key.substring(keyPrefix.length());
      }
      return key;
    }
  }

  public static WebsiteConfiguration parse(byte[] body) {
    Element root = SafeXml.parse(body, "WebsiteConfiguration");
    Element index = SafeXml.child(root, "IndexDocument");
    Element error = SafeXml.child(root, "ErrorDocument");
    String suffix = index == null ? null : text(index, "Suffix");
    if (index != null && suffix == null) {
      throw SafeXml.malformed("An IndexDocument must have a Suffix.");
    }
    if (suffix != null && (suffix.contains("/") || suffix.isEmpty())) {
      throw invalid("The IndexDocument Suffix must be a file name without '/'.");
    }
    boolean subDir = index != null && "true".equalsIgnoreCase(text(index, "SupportSubDir"));
    int type = index == null ? 0 : number(index, "Type", 0);
    if (type < 0 || type > 2) {
      throw invalid("The IndexDocument Type must be 0, 1 or 2.");
    }
    String errorKey = error == null ? null : text(error, "Key");
    if (error != null && errorKey == null) {
      throw SafeXml.malformed("An ErrorDocument must have a Key.");
    }
    if (errorKey != null) {
      ObjectKeys.validate(errorKey);
    }
    int errorStatus = error == null ? 404 : number(error, "HttpStatus", 404);
    if (errorStatus != 404 && errorStatus != 200) {
      throw invalid("The ErrorDocument HttpStatus must be 200 or 404.");
    }
    List<RoutingRule> rules = rules(root);
    if (suffix == null && errorKey == null && rules.isEmpty()) {
      throw invalid("A WebsiteConfiguration needs an IndexDocument, an ErrorDocument or rules.");
    }
    return new WebsiteConfiguration(suffix, subDir, type, errorKey, errorStatus, rules);
  }

  private static List<RoutingRule> rules(Element root) {
    Element container = SafeXml.child(root, "RoutingRules");
    List<RoutingRule> rules = new ArrayList<>();
    if (container == null) {
      return rules;
    }
    List<Element> elements = SafeXml.children(container, "RoutingRule");
    if (elements.size() > MAX_RULES) {
      throw invalid("At most " + MAX_RULES + " routing rules are allowed.");
    }
    for (Element e : elements) {
      rules.add(rule(e));
    }
    rules.sort(Comparator.comparingInt(RoutingRule::number));
    return rules;
  }

  private static RoutingRule rule(Element e) {
    int number = number(e, "RuleNumber", -1);
    if (number <= 0) {
      throw invalid("Every RoutingRule needs a positive RuleNumber.");
    }
    Element condition = SafeXml.child(e, "Condition");
    Element redirect = SafeXml.child(e, "Redirect");
    if (redirect == null) {
      throw SafeXml.malformed("Every RoutingRule needs a Redirect.");
    }
    String type = text(redirect, "RedirectType");
    int code = number(redirect, "HttpRedirectCode", 302);
    if (code != 301 && code != 302 && code != 307) {
      throw invalid("HttpRedirectCode must be 301, 302 or 307.");
    }
    return new RoutingRule(
        number,
        condition == null ? null : text(condition, "KeyPrefixEquals"),
        condition == null ? 0 : number(condition, "HttpErrorCodeReturnedEquals", 0),
        type == null ? "External" : type,
        text(redirect, "Protocol"),
        text(redirect, "HostName"),
        text(redirect, "ReplaceKeyWith"),
        text(redirect, "ReplaceKeyPrefixWith"),
        code);
  }

  private static String text(Element parent, String name) {
    String t = SafeXml.childText(parent, name);
    return t == null ? null : t.trim();
  }

  private static int number(Element parent, String name, int absent) {
    String t = text(parent, name);
    if (t == null || t.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw invalid(name + " must be a number.");
    }
  }

  private static OssException invalid(String message) {
    return OssException.of(OssErrorCode.INVALID_ARGUMENT, message);
  }
}
