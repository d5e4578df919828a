package dev.osprey.auth;

import java.util.Objects;

/**
 * An access key pair and whom it authenticates.
 *
 * @param accessKeyId the public half, sent by clients
 * @param secret the signing secret; never logged, never printed by {@link #toString()}
 * @param principal who a request signed with this key is
 */
public record Credential(String accessKeyId, String secret, Principal principal) {
  public Credential {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(principal, "principal");
  }

  @Override
  public String toString() {
    return "Credential[accessKeyId=" + accessKeyId + ", principal=" + principal + "]";
  }
}
