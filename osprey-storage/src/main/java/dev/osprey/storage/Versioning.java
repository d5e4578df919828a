package dev.osprey.storage;

import dev.osprey.protocol.OssException;

/**
 * A bucket's versioning state (PutBucketVersioning). A bucket starts unversioned; once enabled it
 * can only be suspended and enabled again, never unversioned.
 */
public enum Versioning {
  /** Never versioned: one record per key, GetBucketVersioning reports no Status. */
  UNVERSIONED(null),
  /** Every write creates a new version with its own id; deletes add delete markers. */
  ENABLED("Enabled"),
  /** Writes create or replace the one version whose id is {@code null}. */
  SUSPENDED("Suspended");

  private final String wireName;

  Versioning(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code Status} OSS writes, null for a never-versioned bucket. */
  public String wireName() {
    return wireName;
  }

  /** Whether writes keep versions at all (Enabled or Suspended). */
  public boolean versioned() {
    return this != UNVERSIONED;
  }

  /**
   * {@code Enabled} or {@code Suspended} (case-sensitive as OSS); anything else InvalidArgument.
   */
  public static Versioning parseStatus(String status) {
    if ("Enabled".equals(status)) {
      return ENABLED;
    }
    if ("Suspended".equals(status)) {
      return SUSPENDED;
    }
    throw OssException.invalidArgument(
        "The versioning status must be Enabled or Suspended.", "Status", status);
  }
}
