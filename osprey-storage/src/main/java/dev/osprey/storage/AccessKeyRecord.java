package dev.osprey.storage;

import java.time.Instant;

/**
 * A RAM user's access key as stored.
 *
 * @param accessKeyId the public half
 * @param userName the owning user
 * @param sealedSecret the secret as the server protects it at rest (the store treats it as opaque
 *     text; the server seals it before storing and opens it to verify signatures)
 * @param active whether requests signed with the key are accepted
 * @param created creation time (millisecond precision)
 */
public record AccessKeyRecord(
    String accessKeyId, String userName, String sealedSecret, boolean active, Instant created) {

  @Override
  public String toString() {
    return "AccessKeyRecord[accessKeyId="
        + accessKeyId
        + ", userName="
        + userName
        + ", active="
        + active
        + ", created="
        + created
        + "]";
  }
}
