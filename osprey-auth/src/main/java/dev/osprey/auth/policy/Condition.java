package dev.osprey.auth.policy;

import java.util.List;
import java.util.Map;

/**
 * One {@code "Operator": {"key": [values]}} entry of a statement's Condition block.
 *
 * @param key the condition key, lower-cased (keys are case-insensitive)
 */
public record Condition(ConditionOperator operator, String key, List<String> values) {
  public Condition {
    values = List.copyOf(values);
  }

  boolean test(Map<String, String> context) {
    return operator.test(context.get(key), values);
  }
}
