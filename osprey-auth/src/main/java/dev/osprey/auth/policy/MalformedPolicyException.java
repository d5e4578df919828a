package dev.osprey.auth.policy;

/**
 * A policy document that is not valid JSON or not a valid policy. The message says what is wrong
 * and is safe to return to the client.
 */
public final class MalformedPolicyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MalformedPolicyException(String message) {
    super(message);
  }
}
