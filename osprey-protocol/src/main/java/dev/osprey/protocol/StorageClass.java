package dev.osprey.protocol;

/**
 * OSS storage classes as they appear on the wire ({@code x-oss-storage-class}, {@code
 * <StorageClass>}).
 */
public enum StorageClass {
  STANDARD("Standard"),
  IA("IA"),
  ARCHIVE("Archive"),
  COLD_ARCHIVE("ColdArchive"),
  DEEP_COLD_ARCHIVE("DeepColdArchive");

  private final String wireName;

  StorageClass(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Whether objects of this class must be restored (RestoreObject) before their bytes can be read:
   * Archive, Cold Archive and Deep Cold Archive.
   */
  public boolean needsRestore() {
    return this == ARCHIVE || this == COLD_ARCHIVE || this == DEEP_COLD_ARCHIVE;
  }

  /**
   * Parses a header value; the match is case-insensitive as OSS's is. Unknown → InvalidArgument.
   */
  public static StorageClass parse(String value, String argumentName) {
    if (value != null) {
      for (StorageClass sc : values()) {
        if (sc.wireName.equalsIgnoreCase(value.trim())) {
          return sc;
        }
      }
    }
    throw OssException.invalidArgument("Unsupported storage class", argumentName, value);
  }
}
