package dev.osprey.storage;

import java.util.List;

/**
 * The outcome of {@link MetadataStore#completeUpload}: the object change, and the part records the
 * same commit removed (their blobs are garbage from then on).
 */
public record UploadCompletion(ObjectChange change, List<PartRecord> removedParts) {
  public UploadCompletion {
    removedParts = List.copyOf(removedParts);
  }
}
