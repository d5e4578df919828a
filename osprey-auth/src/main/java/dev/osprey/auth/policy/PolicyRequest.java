package dev.osprey.auth.policy;

import java.util.List;
import java.util.Map;

/**
 * What a policy is asked about: one action on one resource, by whom, in what context.
 *
 * @param action e.g. {@code oss:GetObject}
 * @param resource the ARN, {@code acs:oss:{region}:{owner uid}:{bucket}[/{key}]} ({@code ...:*} for
 *     service-level actions)
 * @param principalIds the ids a bucket policy's Principal may name for this caller (RAM user id,
 *     account id); empty for an anonymous caller, who matches only {@code "*"}
 * @param context condition values by lower-cased key ({@link ConditionKeys})
 */
public record PolicyRequest(
    String action, String resource, List<String> principalIds, Map<String, String> context) {
  public PolicyRequest {
    principalIds = List.copyOf(principalIds);
    context = Map.copyOf(context);
  }
}
