package dev.osprey.auth.policy;

import dev.osprey.protocol.Limits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A RAM policy document (spec §6): {@code {"Version":"1","Statement":[{"Effect", "Action" |
 * "NotAction", "Resource", "Condition", "Principal" (bucket policies only)}]}}. Parsing is strict:
 * an unknown member, a wrong type or an unsupported operator is an error rather than something
 * silently ignored, since a policy that reads differently from what its author meant is a security
 * hole.
 *
 * @param text the document as given, kept so GetBucketPolicy returns it byte for byte
 */
public record PolicyDocument(String text, List<Statement> statements) {
  /** OSS limits a bucket policy to 16 KB; the same bound applies to every document here. */
  public static final int MAX_BYTES = Limits.POLICY_BYTES;

  private static final Set<String> STATEMENT_MEMBERS =
      Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "Condition", "Principal");

  /** Whether the document is attached to a bucket (Principal required) or to an identity (none). */
  public enum Kind {
    BUCKET_POLICY,
    IDENTITY_POLICY
  }

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /**
   * @throws MalformedPolicyException when the text is too large, not JSON, or not a valid policy
   */
  public static PolicyDocument parse(String text, Kind kind) {
    if (text == null || text.isBlank()) {
      throw new MalformedPolicyException("the policy document is empty");
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new MalformedPolicyException("the policy document is larger than 16 KB");
    }
    Map<String, Object> root = object(Json.parse(text), "the document");
    for (String member : root.keySet()) {
      if (!member.equals("Version") && !member.equals("Statement")) {
        throw new MalformedPolicyException("unknown member " + member);
      }
    }
    // OSS refuses a numeric Version (EC 0030-00000005) and any version other than "1".
    if (!"1".equals(root.get("Version"))) {
      throw new MalformedPolicyException("Version must be the string \"1\"");
    }
    Object raw = root.get("Statement");
    List<Object> items =
        raw instanceof List<?> l ? List.copyOf(l) : raw == null ? null : List.of(raw);
    if (items == null || items.isEmpty()) {
      throw new MalformedPolicyException("Statement must hold at least one statement");
    }
    List<Statement> statements = new ArrayList<>();
    for (Object item : items) {
      statements.add(statement(object(item, "a statement"), kind));
    }
    return new PolicyDocument(text, statements);
  }

  /** The decision of this document alone: explicit deny, allow, or not applicable. */
  public Decision evaluate(PolicyRequest request) {
    Decision d = Decision.NOT_APPLICABLE;
    for (Statement s : statements) {
      if (s.applies(request)) {
        if (s.effect() == Effect.DENY) {
          return Decision.DENY;
        }
        d = Decision.ALLOW;
      }
    }
    return d;
  }

  private static Statement statement(Map<String, Object> m, Kind kind) {
    for (String member : m.keySet()) {
      if (!STATEMENT_MEMBERS.contains(member)) {
        throw new MalformedPolicyException("unknown statement member " + member);
      }
    }
    Effect effect =
        switch (String.valueOf(m.get("Effect")).toLowerCase(Locale.ROOT)) {
          case "allow" -> Effect.ALLOW;
          case "deny" -> Effect.DENY;
          default -> throw new MalformedPolicyException("Effect must be Allow or Deny");
        };
    boolean hasAction = m.containsKey("Action");
    if (hasAction == m.containsKey("NotAction")) {
      throw new MalformedPolicyException("a statement needs exactly one of Action and NotAction");
    }
    List<String> actions = strings(m.get(hasAction ? "Action" : "NotAction"), "Action");
    List<String> resources = strings(m.get("Resource"), "Resource");
    List<String> principals = null;
    if (kind == Kind.BUCKET_POLICY) {
      principals = principals(m.get("Principal"));
    } else if (m.containsKey("Principal")) {
      throw new MalformedPolicyException("Principal belongs in bucket policies, not RAM policies");
    }
    return new Statement(
        effect, principals, actions, !hasAction, resources, conditions(m.get("Condition")));
  }

  /** {@code "*"}, a list of ids, or RAM's {@code {"RAM": [...]}} form (its values are used). */
  private static List<String> principals(Object raw) {
    if (raw instanceof Map<?, ?> map) {
      List<String> out = new ArrayList<>();
      for (Object v : map.values()) {
        out.addAll(strings(v, "Principal"));
      }
      if (out.isEmpty()) {
        throw new MalformedPolicyException("Principal must not be empty");
      }
      return out;
    }
    return strings(raw, "Principal");
  }

  private static List<Condition> conditions(Object raw) {
    if (raw == null) {
      return List.of();
    }
    List<Condition> out = new ArrayList<>();
    for (Map.Entry<String, Object> op : object(raw, "Condition").entrySet()) {
      ConditionOperator operator = ConditionOperator.of(op.getKey());
      for (Map.Entry<String, Object> key : object(op.getValue(), op.getKey()).entrySet()) {
        List<String> values = conditionValues(key.getValue(), key.getKey());
        values.forEach(operator::validate);
        out.add(new Condition(operator, key.getKey().toLowerCase(Locale.ROOT), values));
      }
    }
    return out;
  }

  /** Condition values may be strings, booleans or numbers, alone or in a list. */
  private static List<String> conditionValues(Object raw, String key) {
    List<?> items = raw instanceof List<?> l ? l : List.of(raw);
    if (items.isEmpty()) {
      throw new MalformedPolicyException("condition " + key + " has no values");
    }
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      switch (o) {
        case String s -> out.add(s);
        case Boolean b -> out.add(b.toString());
        case Double d when d == Math.rint(d) && !Double.isInfinite(d) ->
            out.add(Long.toString(d.longValue()));
        case Double d -> out.add(d.toString());
        default -> throw new MalformedPolicyException("condition " + key + " has a bad value");
      }
    }
    return out;
  }

  private static List<String> strings(Object raw, String member) {
    List<?> items = raw instanceof List<?> l ? l : raw == null ? List.of() : List.of(raw);
    if (items.isEmpty()) {
      throw new MalformedPolicyException(member + " must name at least one value");
    }
    List<String> out = new ArrayList<>();
    for (Object o : items) {
      if (!(o instanceof String s) || s.isEmpty()) {
        throw new MalformedPolicyException(member + " values must be non-empty strings");
      }
      out.add(s);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object raw, String what) {
    if (!(raw instanceof Map<?, ?>)) {
      throw new MalformedPolicyException(what + " must be a JSON object");
    }
    return (Map<String, Object>) raw;
  }
}
