package dev.osprey.storage;

/**
 * One page of a listing.
 *
 * @param prefix keys must start with it (null or empty: any)
 * @param delimiter keys with the delimiter after the prefix are rolled up into common prefixes
 *     (null: none)
 * @param startAfter list strictly after this key or common prefix (null: from the start)
 * @param maxKeys 1..1000: objects plus common prefixes on the page
 */
public record ListObjectsCommand(
    String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {}
