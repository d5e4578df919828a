package dev.osprey.auth.policy;

/**
 * The outcome of evaluating policies for one action on one resource (spec §6): an explicit deny, an
 * allow, or neither (implicit deny, which lets another layer still grant).
 */
public enum Decision {
  DENY,
  ALLOW,
  NOT_APPLICABLE;

  /** Combines two layers: any explicit deny wins; else any allow; else not applicable. */
  public Decision and(Decision other) {
    if (this == DENY || other == DENY) {
      return DENY;
    }
    if (this == ALLOW || other == ALLOW) {
      return ALLOW;
    }
    return NOT_APPLICABLE;
  }
}
