package dev.osprey.storage;

import java.util.List;

/**
 * One page of versions and common prefixes, in key order (newest first within a key).
 *
 * @param nextKeyMarker when truncated, the last key or common prefix on the page
 * @param nextVersionIdMarker when truncated after a version, its id; null after a common prefix
 */
public record VersionListing(
    List<VersionEntry> versions,
    List<String> commonPrefixes,
    boolean truncated,
    String nextKeyMarker,
    String nextVersionIdMarker) {}
