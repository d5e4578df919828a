package dev.osprey.auth.policy;

import dev.osprey.protocol.Wildcard;
import java.util.List;
import java.util.Map;

/**
 * One statement of a policy document.
 *
 * @param principals who a bucket policy statement is for ({@code "*"} = everyone, anonymous
 *     included); null in a RAM (identity) policy, which applies to whoever it is attached to
 * @param actions action patterns ({@code oss:Get*})
 * @param notAction whether {@code actions} came from {@code NotAction}: the statement then covers
 *     every action matching none of them
 * @param resources ARN patterns
 * @param conditions all must hold
 */
public record Statement(
    Effect effect,
    List<String> principals,
    List<String> actions,
    boolean notAction,
    List<String> resources,
    List<Condition> conditions) {

  public Statement {
    principals = principals == null ? null : List.copyOf(principals);
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** Whether this statement speaks about the request (its effect is then the caller's to apply). */
  boolean applies(PolicyRequest request) {
    return principalMatches(request.principalIds())
        && actionMatches(request.action())
        && anyMatch(resources, request.resource(), false)
        && conditionsHold(request.context());
  }

  private boolean principalMatches(List<String> ids) {
    if (principals == null) {
      return true;
    }
    for (String p : principals) {
      if (p.equals("*") || ids.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** RAM action names are case-insensitive. */
  private boolean actionMatches(String action) {
    return notAction != anyMatch(actions, action, true);
  }

  private boolean conditionsHold(Map<String, String> context) {
    for (Condition c : conditions) {
      if (!c.test(context)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMatch(List<String> patterns, String value, boolean ignoreCase) {
    for (String p : patterns) {
      if (Wildcard.matches(p, value, ignoreCase)) {
        return true;
      }
    }
    return false;
  }
}
