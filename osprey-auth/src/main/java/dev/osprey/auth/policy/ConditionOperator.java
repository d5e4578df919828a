package dev.osprey.auth.policy;

import dev.osprey.protocol.Wildcard;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The condition operators Osprey evaluates. A condition holds when the request's value matches any
 * of the listed values; the negated operators hold when it matches none. A key the request does not
 * carry fails the positive operators and satisfies the negated ones, as in RAM's grammar.
 */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", false),
  STRING_NOT_EQUALS("StringNotEquals", true),
  STRING_LIKE("StringLike", false),
  STRING_NOT_LIKE("StringNotLike", true),
  IP_ADDRESS("IpAddress", false),
  NOT_IP_ADDRESS("NotIpAddress", true),
  BOOL("Bool", false),
  DATE_LESS_THAN("DateLessThan", false),
  DATE_GREATER_THAN("DateGreaterThan", false);

  private final String jsonName;
  private final boolean negated;

  ConditionOperator(String jsonName, boolean negated) {
    this.jsonName = jsonName;
    this.negated = negated;
  }

  public String jsonName() {
    return jsonName;
  }

  static ConditionOperator of(String name) {
    for (ConditionOperator op : values()) {
      if (op.jsonName.equalsIgnoreCase(name)) {
        return op;
      }
    }
    throw new MalformedPolicyException("unsupported condition operator " + name);
  }

  /** Refuses values this operator can never compare (a bad CIDR, a bad date) at parse time. */
  void validate(String value) {
    switch (this) {
      case IP_ADDRESS, NOT_IP_ADDRESS -> IpRange.parse(value);
      case DATE_LESS_THAN, DATE_GREATER_THAN -> {
        if (instant(value) == null) {
          throw new MalformedPolicyException("not an ISO 8601 date-time: " + value);
        }
      }
      case BOOL -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw new MalformedPolicyException("Bool takes true or false, not " + value);
        }
      }
      default -> {}
    }
  }

  boolean test(String requestValue, List<String> values) {
    if (requestValue == null) {
      return negated;
    }
    boolean any = false;
    for (String v : values) {
      if (matches(requestValue, v)) {
        any = true;
        break;
      }
    }
    return negated != any;
  }

  private boolean matches(String actual, String expected) {
    return switch (this) {
      case STRING_EQUALS, STRING_NOT_EQUALS -> actual.equals(expected);
      case STRING_LIKE, STRING_NOT_LIKE -> Wildcard.matches(expected, actual, false);
      case IP_ADDRESS, NOT_IP_ADDRESS -> IpRange.parse(expected).contains(actual);
      case BOOL -> expected.equalsIgnoreCase(actual);
      case DATE_LESS_THAN -> compareDates(actual, expected) < 0;
      case DATE_GREATER_THAN -> compareDates(actual, expected) > 0;
    };
  }

  /** Unparsable request times compare as "not matching" in either direction. */
  private static int compareDates(String actual, String expected) {
    Instant a = instant(actual);
    Instant e = instant(expected);
    if (a == null || e == null) {
      return 0;
    }
    return a.compareTo(e);
  }

  static Instant instant(String s) {
    try {
      return OffsetDateTime.parse(s.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
