package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A PutBucketLifecycle body, {@code <LifecycleConfiguration><Rule>...</Rule>...}: per rule an ID, a
 * Prefix, Tags, a Status and its actions (Expiration by Days, Date, CreatedBeforeDate or
 * ExpiredObjectDeleteMarker; Transition; AbortMultipartUpload; NoncurrentVersionExpiration;
 * NoncurrentVersionTransition), as the Java SDK writes them. Not well-formed or wrongly shaped →
 * MalformedXML; a rule with no action, a second rule with the same ID, a non-positive day count or
 * an unknown storage class → InvalidArgument. At most 1000 rules.
 */
public record LifecycleConfiguration(List<Rule> rules) {

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
  }

  /**
   * When an action applies: after {@code days} days (counted from the object's last modification,
   * or from when a version became previous), or to what is older than {@code before}. One of the
   * two is set.
   */
  public record When(int days, Instant before) {}

  /** A storage class change ({@code Transition}, {@code NoncurrentVersionTransition}). */
  public record Transition(When when, StorageClass storageClass) {}

  /**
   * One rule. Null actions are absent.
   *
   * @param tags every one must be on an object for the rule to apply to it
   * @param expiredObjectDeleteMarker remove delete markers that are the last version of their key
   */
  public record Rule(
      String id,
      String prefix,
      Map<String, String> tags,
      boolean enabled,
      When expiration,
      boolean expiredObjectDeleteMarker,
      List<Transition> transitions,
      When abortMultipartUpload,
      Integer noncurrentExpirationDays,
      List<Transition> noncurrentTransitions) {
    public Rule {
      prefix = prefix == null ? "" : prefix;
      tags = Map.copyOf(tags);
      transitions = List.copyOf(transitions);
      noncurrentTransitions = List.copyOf(noncurrentTransitions);
    }

    /** Whether the rule looks at an object of this key and these tags. */
    public boolean appliesTo(String key, Map<String, String> objectTags) {
      if (!enabled || !key.startsWith(prefix)) {
        return false;
      }
      for (Map.Entry<String, String> t : tags.entrySet()) {
        if (!t.getValue().equals(objectTags.get(t.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  public static LifecycleConfiguration parse(byte[] body) {
    Element root = SafeXml.parse(body, "LifecycleConfiguration");
    List<Element> ruleElements = SafeXml.children(root, "Rule");
    if (ruleElements.isEmpty() || ruleElements.size() > Limits.LIFECYCLE_RULES) {
      throw SafeXml.malformed(
          "A LifecycleConfiguration must hold 1 to " + Limits.LIFECYCLE_RULES + " rules.");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Element e : ruleElements) {
      Rule r = rule(e);
      if (r.id() != null && !ids.add(r.id())) {
        throw invalid("Rule ID must be unique: " + r.id());
      }
      rules.add(r);
    }
    return new LifecycleConfiguration(rules);
  }

  private static Rule rule(Element e) {
    String status = SafeXml.childText(e, "Status");
    if (!"Enabled".equals(status) && !"Disabled".equals(status)) {
      throw SafeXml.malformed("A rule's Status must be Enabled or Disabled.");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Element t : SafeXml.children(e, "Tag")) {
      String key = SafeXml.childText(t, "Key");
      if (key == null) {
        throw SafeXml.malformed("Every Tag must have a Key.");
      }
      String value = SafeXml.childText(t, "Value");
      tags.put(key, value == null ? "" : value);
    }
    Element expiration = SafeXml.child(e, "Expiration");
    When expire = null;
    boolean expiredMarkers = false;
    if (expiration != null) {
      expiredMarkers = "true".equals(SafeXml.childText(expiration, "ExpiredObjectDeleteMarker"));
      expire = when(expiration, "Days", !expiredMarkers);
    }
    Element abort = SafeXml.child(e, "AbortMultipartUpload");
    Element noncurrent = SafeXml.child(e, "NoncurrentVersionExpiration");
    Integer noncurrentDays = noncurrent == null ? null : days(noncurrent, "NoncurrentDays");
    Rule r =
        new Rule(
            SafeXml.childText(e, "ID"),
            SafeXml.childText(e, "Prefix"),
            tags,
            "Enabled".equals(status),
            expire,
            expiredMarkers,
            transitions(e, "Transition", "Days"),
            abort == null ? null : when(abort, "Days", true),
            noncurrentDays,
            transitions(e, "NoncurrentVersionTransition", "NoncurrentDays"));
    if (r.expiration() == null
        && !r.expiredObjectDeleteMarker()
        && r.transitions().isEmpty()
        && r.abortMultipartUpload() == null
        && r.noncurrentExpirationDays() == null
        && r.noncurrentTransitions().isEmpty()) {
      throw invalid("A lifecycle rule must have at least one action.");
    }
    return r;
  }

  private static List<Transition> transitions(Element rule, String name, String daysElement) {
    List<Transition> out = new ArrayList<>();
    for (Element t : SafeXml.children(rule, name)) {
      String sc = SafeXml.childText(t, "StorageClass");
      if (sc == null) {
        throw SafeXml.malformed("A " + name + " must name a StorageClass.");
      }
      out.add(new Transition(when(t, daysElement, true), StorageClass.parse(sc, "StorageClass")));
    }
    return out;
  }

  /** Days, or a Date / CreatedBeforeDate; {@code required}: one of them must be there. */
  private static When when(Element action, String daysElement, boolean required) {
    if (SafeXml.child(action, daysElement) != null) {
      return new When(days(action, daysElement), null);
    }
    String date = SafeXml.childText(action, "CreatedBeforeDate");
    if (date == null) {
      date = SafeXml.childText(action, "Date");
    }
    if (date == null) {
      if (required) {
        throw SafeXml.malformed("A lifecycle action needs Days or CreatedBeforeDate.");
      }
      return null;
    }
    try {
      return new When(0, Instant.parse(date.trim()));
    } catch (RuntimeException ex) {
      throw invalid("Invalid date in lifecycle rule: " + date);
    }
  }

  private static int days(Element action, String name) {
    String text = SafeXml.childText(action, name);
    try {
      int days = Integer.parseInt(text == null ? "" : text.trim());
      if (days <= 0) {
        throw invalid(name + " must be a positive integer.");
      }
      return days;
    } catch (NumberFormatException ex) {
      throw invalid(name + " must be a positive integer.");
    }
  }

  private static OssException invalid(String message) {
    return OssException.of(OssErrorCode.INVALID_ARGUMENT, message);
  }
}
