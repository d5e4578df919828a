package dev.osprey.auth.policy;

/** What a statement does when it applies. */
public enum Effect {
  ALLOW,
  DENY
}
