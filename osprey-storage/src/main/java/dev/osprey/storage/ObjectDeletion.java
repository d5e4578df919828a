package dev.osprey.storage;

/**
 * What a DeleteObject did (spec §3.3), for its {@code x-oss-delete-marker} and {@code
 * x-oss-version-id} headers.
 *
 * @param deleteMarker whether a delete marker was created (or, deleting a version, removed)
 * @param versionId the version created or removed; null in a bucket never versioned
 */
public record ObjectDeletion(boolean deleteMarker, String versionId) {
  /** A delete in a bucket never versioned. */
  public static final ObjectDeletion UNVERSIONED = new ObjectDeletion(false, null);
}
