package dev.osprey.auth.policy;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The policy of a form upload (PostObject): a base64 JSON document with an {@code expiration} and
 * {@code conditions} the form must meet. Conditions are an object ({@code {"bucket": "b"}}, an
 * exact match) or an array: {@code ["eq", "$key", "v"]}, {@code ["starts-with", "$key", "p"]},
 * {@code ["in", "$content-type", ["a", "b"]]}, {@code ["not-in", ...]}, {@code
 * ["content-length-range", min, max]}. Field names match case-insensitively. A document that does
 * not decode or parse is InvalidPolicyDocument; a form it refuses is AccessDenied "Invalid
 * according to Policy: ...", as OSS answers.
 */
public final class PostPolicy {
  /** At most this many bytes of base64 policy are accepted. */
  public static final int MAX_BYTES = Limits.FORM_FIELDS_BYTES;

  private final Instant expiration;
  private final List<Object> conditions;
  private final long minLength;
  private final long maxLength;

  private PostPolicy(Instant expiration, List<Object> conditions, long minLength, long maxLength) {
    this.expiration = expiration;
    this.conditions = conditions;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /** Decodes and parses the {@code policy} form field. */
  public static PostPolicy parse(String base64) {
    String json;
    try {
      json = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid Policy: Invalid Base64 Encoding.");
    }
    Object doc;
    try {
      doc = Json.parse(json);
    } catch (MalformedPolicyException e) {
      throw invalid("Invalid Policy: Invalid JSON: " + e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> root)) {
      throw invalid("Invalid Policy: the policy must be a JSON object.");
    }
    if (!(root.get("expiration") instanceof String exp)) {
      throw invalid("Invalid Policy: Policy missing expiration.");
    }
    Instant expiration;
    try {
      expiration = Instant.parse(exp);
    } catch (DateTimeParseException e) {
      throw invalid("Invalid Policy: Invalid 'expiration' value: '" + exp + "'");
    }
    List<Object> conditions = new ArrayList<>();
    long min = 0;
    long max = Long.MAX_VALUE;
    Object raw = root.get("conditions");
    if (raw != null) {
      if (!(raw instanceof List<?> list)) {
        throw invalid("Invalid Policy: 'conditions' must be an array.");
      }
      for (Object c : list) {
        if (c instanceof List<?> a
            && a.size() == 3
            && "content-length-range".equalsIgnoreCase(String.valueOf(a.get(0)))) {
          min = Math.max(min, bound(a.get(1)));
          max = Math.min(max, bound(a.get(2)));
        } else {
          validate(c);
          conditions.add(c);
        }
      }
    }
    return new PostPolicy(expiration, conditions, min, max);
  }

  /** The smallest file size the policy allows (0 when it sets no range). */
  public long minLength() {
    return minLength;
  }

  /** The largest file size the policy allows ({@code Long.MAX_VALUE} when it sets no range). */
  public long maxLength() {
    return maxLength;
  }

  /**
   * Throws AccessDenied unless the policy is still valid at {@code now} and every condition holds.
   *
   * @param field the value of a form field by lower-case name ({@code bucket} and {@code key}
   *     included), or null when the form lacks it
   */
  public void check(Instant now, Function<String, String> field) {
    if (!now.isBefore(expiration)) {
      throw denied("Invalid according to Policy: Policy expired.");
    }
    for (Object c : conditions) {
      if (!holds(c, field)) {
        throw denied("Invalid according to Policy: Policy Condition failed: " + describe(c));
      }
    }
  }

  private static boolean holds(Object c, Function<String, String> field) {
    if (c instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String actual = field.apply(e.getKey().toString().toLowerCase(Locale.ROOT));
        if (!String.valueOf(e.getValue()).equals(actual)) {
          return false;
        }
      }
      return true;
    }
    List<?> a = (List<?>) c;
    String op = a.get(0).toString().toLowerCase(Locale.ROOT);
    String actual = field.apply(a.get(1).toString().substring(1).toLowerCase(Locale.ROOT));
    String value = actual == null ? "" : actual;
    return switch (op) {
      case "eq" -> a.get(2).toString().equals(value);
      case "starts-with" -> value.startsWith(a.get(2).toString());
      case "in" -> ((List<?>) a.get(2)).stream().anyMatch(v -> v.toString().equals(value));
      case "not-in" -> ((List<?>) a.get(2)).stream().noneMatch(v -> v.toString().equals(value));
      default -> false;
    };
  }

  private static void validate(Object c) {
    if (c instanceof Map<?, ?> m) {
      if (m.size() != 1 || !(m.values().iterator().next() instanceof String)) {
        throw invalid("Invalid Policy: an object condition must hold one string field.");
      }
      return;
    }
    if (!(c instanceof List<?> a) || a.size() != 3) {
      throw invalid("Invalid Policy: Invalid Condition: " + describe(c));
    }
    String op = String.valueOf(a.get(0)).toLowerCase(Locale.ROOT);
    boolean known =
        switch (op) {
          case "eq", "starts-with" -> a.get(2) instanceof String;
          case "in", "not-in" -> a.get(2) instanceof List<?>;
          default -> false;
        };
    if (!known || !(a.get(1) instanceof String name) || !name.startsWith("$")) {
      throw invalid("Invalid Policy: Invalid Condition: " + describe(c));
    }
  }

  private static long bound(Object v) {
    if (v instanceof Double d && d >= 0 && d == Math.floor(d)) {
      return d.longValue();
    }
    throw invalid("Invalid Policy: content-length-range bounds must be non-negative integers.");
  }

  /** A condition as OSS prints it in its error message. */
  private static String describe(Object c) {
    if (c instanceof List<?> a) {
      List<String> parts = new ArrayList<>();
      for (Object o : a) {
        parts.add(o instanceof String s ? "\"" + s + "\"" : describe(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (c instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, v) -> parts.add("\"" + k + "\": \"" + v + "\""));
      return "{" + String.join(", ", parts) + "}";
    }
    return String.valueOf(c);
  }

  private static OssException invalid(String message) {
    return OssException.of(OssErrorCode.INVALID_POLICY_DOCUMENT, message);
  }

  private static OssException denied(String message) {
    return OssException.of(OssErrorCode.ACCESS_DENIED, message);
  }
}
