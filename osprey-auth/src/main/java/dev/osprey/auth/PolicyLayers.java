package dev.osprey.auth;

import dev.osprey.auth.Authorizer.PolicyOutcome;
import dev.osprey.auth.policy.ConditionKeys;
import dev.osprey.auth.policy.Decision;
import dev.osprey.auth.policy.Policies;
import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.auth.policy.PolicyRequest;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy part of authorization (spec §6): RAM (identity) policies, the session policy of
 * temporary credentials, and the bucket policy, evaluated for every action the operation needs.
 *
 * <p>Per action: a matching explicit Deny in any of them refuses the request at once. Otherwise the
 * action is granted by an Allow of the identity policies or of the bucket policy; when the caller
 * holds temporary credentials with a session policy, that policy must allow the action too (the
 * session policy only ever narrows, spec §6 "intersection"). An action no policy grants leaves the
 * decision to the ACLs.
 */
final class PolicyLayers {
  private PolicyLayers() {}

  /**
   * @param user the RAM user, or null for an anonymous caller (who has no identity policies and
   *     matches only {@code "*"} in a bucket policy's Principal)
   */
  static PolicyOutcome decide(Principal.RamUser user, OssOperation op, AccessContext ctx) {
    RequestEnvironment env = ctx.environment();
    String bucket = bucketOf(op);
    String arn = Policies.resourceArn(env.region(), env.ownerId(), bucket, keyOf(op));
    Map<String, String> conditions = conditions(env, op, user);
    List<String> ids = user == null ? List.of() : List.of(user.userId());
    Optional<PolicyDocument> bucketPolicy =
        bucket == null || op instanceof BucketOperation.PutBucket
            ? Optional.empty()
            : ctx.bucketPolicy();
    PolicyDocument sessionPolicy =
        user == null || user.session() == null ? null : user.session().policy();
    boolean allGranted = true;
    for (String action : RequiredActions.onTarget(op, env.headers())) {
      PolicyRequest request = new PolicyRequest(action, arn, ids, conditions);
      Decision identity =
          user == null ? Decision.NOT_APPLICABLE : Policies.evaluate(user.policies(), request);
      Decision session = sessionPolicy == null ? Decision.ALLOW : sessionPolicy.evaluate(request);
      Decision resource =
          bucketPolicy.map(p -> p.evaluate(request)).orElse(Decision.NOT_APPLICABLE);
      if (identity == Decision.DENY || session == Decision.DENY || resource == Decision.DENY) {
        throw Authorizer.denied(Authorizer.POLICY_DENIED).detail("AuthAction", action);
      }
      boolean granted =
          session == Decision.ALLOW && (identity == Decision.ALLOW || resource == Decision.ALLOW);
      allGranted &= granted;
    }
    return allGranted ? PolicyOutcome.GRANTED : PolicyOutcome.UNDECIDED;
  }

  private static String bucketOf(OssOperation op) {
    return switch (op) {
      case BucketOperation b -> b.bucket();
      case ObjectOperation o -> o.bucket();
      default -> null;
    };
  }

  private static String keyOf(OssOperation op) {
    return op instanceof ObjectOperation o ? o.key() : null;
  }

  /** The condition keys of spec §6 that Osprey knows for this request. */
  static Map<String, String> conditions(
      RequestEnvironment env, OssOperation op, Principal.RamUser user) {
    Map<String, String> c = new HashMap<>();
    if (env.sourceIp() != null) {
      c.put(ConditionKeys.SOURCE_IP, env.sourceIp());
    }
    c.put(ConditionKeys.CURRENT_TIME, HttpDates.formatIso8601(env.now()));
    c.put(ConditionKeys.SECURE_TRANSPORT, Boolean.toString(env.secureTransport()));
    String userAgent = env.headers().get("user-agent");
    if (userAgent != null) {
      c.put(ConditionKeys.USER_AGENT, userAgent);
    }
    if (user != null) {
      c.put(ConditionKeys.ACCESS_ID, user.accessKeyId());
    }
    switch (op) {
      case BucketOperation.ListObjects l -> listing(c, l.prefix(), l.delimiter());
      case BucketOperation.ListObjectsV2 l -> listing(c, l.prefix(), l.delimiter());
      default -> {}
    }
    return c;
  }

  private static void listing(Map<String, String> c, String prefix, String delimiter) {
    c.put(ConditionKeys.PREFIX, prefix == null ? "" : prefix);
    if (delimiter != null) {
      c.put(ConditionKeys.DELIMITER, delimiter);
    }
  }
}
