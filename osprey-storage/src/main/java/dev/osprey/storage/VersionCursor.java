package dev.osprey.storage;

/**
 * Where a page of versions starts ({@link MetadataStore#listVersions}).
 *
 * @param key null: from the bucket's (or prefix's) first key
 * @param includeKey start with the first version of {@code key} (a jump past a common prefix)
 * @param afterVersionId with {@code includeKey} false: start after that version of {@code key} (its
 *     older versions come next); null: after every version of {@code key}
 */
public record VersionCursor(String key, boolean includeKey, String afterVersionId) {
  public static VersionCursor start() {
    return new VersionCursor(null, false, null);
  }

  public static VersionCursor atKey(String key) {
    return new VersionCursor(key, true, null);
  }

  public static VersionCursor afterKey(String key) {
    return new VersionCursor(key, false, null);
  }

  public static VersionCursor afterVersion(String key, String versionId) {
    return new VersionCursor(key, false, versionId);
  }
}
