package dev.osprey.storage;

import java.util.List;

/**
 * One page of uploads and common prefixes, both in key order.
 *
 * @param nextKeyMarker the key (or common prefix) of the last entry on the page, truncated or not,
 *     as OSS always fills it; null for an empty page
 * @param nextUploadIdMarker the upload id of the last entry (null after a common prefix or for an
 *     empty page)
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
