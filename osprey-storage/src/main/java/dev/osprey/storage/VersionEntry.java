package dev.osprey.storage;

/**
 * One row of ListObjectVersions: a version or a delete marker.
 *
 * @param latest whether it is the newest version of its key ({@code IsLatest})
 */
public record VersionEntry(ObjectRecord record, boolean latest) {}
