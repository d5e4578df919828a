package dev.osprey.storage;

import java.util.List;

/**
 * One page of objects and common prefixes, both in key order.
 *
 * @param nextMarker when truncated, the last key or common prefix on the page (the next page starts
 *     after it)
 */
public record ObjectListing(
    List<ObjectRecord> objects,
    List<String> commonPrefixes,
    boolean truncated,
    String nextMarker) {}
