package dev.osprey.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link MetadataStore#updateObject} and the other object writes.
 *
 * @param before the current record before the write (absent: none, or a delete marker)
 * @param after the current record after it (absent: none, or a delete marker)
 * @param released records no longer stored anywhere: their blobs are garbage once this returns. In
 *     a versioned bucket a replaced current record usually stays as a previous version and is not
 *     released.
 * @param deleteMarker the delete marker the write created or removed, if any
 */
public record ObjectChange(
    Optional<ObjectRecord> before,
    Optional<ObjectRecord> after,
    List<ObjectRecord> released,
    Optional<ObjectRecord> deleteMarker) {

  public ObjectChange {
    released = List.copyOf(released);
  }

  /**
   * An unversioned change: the record before is released when the write replaced its generation
   * (another blob) or removed it.
   */
  public ObjectChange(Optional<ObjectRecord> before, Optional<ObjectRecord> after) {
    this(before, after, unversionedRelease(before, after), Optional.empty());
  }

  private static List<ObjectRecord> unversionedRelease(
      Optional<ObjectRecord> before, Optional<ObjectRecord> after) {
    if (before.isEmpty()) {
      return List.of();
    }
    boolean sameBlob =
        after.isPresent() && Objects.equals(before.get().blobId(), after.get().blobId());
    return sameBlob ? List.of() : List.of(before.get());
  }
}
