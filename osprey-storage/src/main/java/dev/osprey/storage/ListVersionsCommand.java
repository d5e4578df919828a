package dev.osprey.storage;

/**
 * One page of ListObjectVersions.
 *
 * @param prefix keys must start with it (null or empty: any)
 * @param delimiter keys with the delimiter after the prefix are rolled up (null: none)
 * @param keyMarker list after this key (null: from the start); with {@code versionIdMarker}, after
 *     that version of it
 * @param maxKeys 1..1000: versions, delete markers and common prefixes on the page
 */
public record ListVersionsCommand(
    String bucket,
    String prefix,
    String delimiter,
    String keyMarker,
    String versionIdMarker,
    int maxKeys) {}
