package dev.osprey.storage;

import java.util.List;

/**
 * One page of an upload's parts.
 *
 * @param nextPartNumberMarker the last part number on the page (0 when the page is empty)
 */
public record PartListing(
    UploadRecord upload, List<PartRecord> parts, boolean truncated, int nextPartNumberMarker) {
  public PartListing {
    parts = List.copyOf(parts);
  }
}
