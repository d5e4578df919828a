package dev.osprey.auth.policy;

import java.util.Collection;

/** Evaluation over several documents, and the resource names policies are written against. */
public final class Policies {
  private Policies() {}

  /**
   * Spec §6 within one layer: any document's matching explicit Deny wins; else any matching Allow
   * grants; else not applicable (implicit deny).
   */
  public static Decision evaluate(Collection<PolicyDocument> documents, PolicyRequest request) {
    Decision d = Decision.NOT_APPLICABLE;
    for (PolicyDocument doc : documents) {
      d = d.and(doc.evaluate(request));
      if (d == Decision.DENY) {
        return d;
      }
    }
    return d;
  }

  /**
   * The ARN of a request's target: {@code acs:oss:{region}:{owner}:{bucket}/{key}} for objects,
   * {@code ...:{bucket}} for bucket-level actions and {@code ...:*} for service-level ones (spec
   * §6).
   */
  public static String resourceArn(String region, String ownerId, String bucket, String key) {
    String base = "acs:oss:" + region + ":" + ownerId + ":";
    if (bucket == null) {
      return base + "*";
    }
    return key == null ? base + bucket : base + bucket + "/" + key;
  }
}
