package dev.osprey.storage;

import java.util.List;

/**
 * One page of uploads and common prefixes, both in key order.
 *
 * @param nextKeyMarker when truncated, the key (or common prefix) of the last entry on the page
 * @param nextUploadIdMarker when truncated, the upload id of the last entry (null after a common
 *     prefix)
 */
public record UploadListing(
    List<UploadRecord> uploads,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextUploadIdMarker) {
  public UploadListing {
    uploads = List.copyOf(uploads);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
