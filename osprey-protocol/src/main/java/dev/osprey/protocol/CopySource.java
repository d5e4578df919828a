package dev.osprey.protocol;

/**
 * The source named by {@code x-oss-copy-source: /<bucket>/<url-encoded key>[?versionId=..]} (spec
 * §3.2). The Java SDK URL-encodes the key (slashes included) and puts the bucket in clear.
 *
 * @param bucket the source bucket
 * @param key the decoded source key
 * @param versionId the {@code versionId} after the key, null when absent (the current version)
 */
public record CopySource(String bucket, String key, String versionId) {
  /** The current version of the source. */
  public CopySource(String bucket, String key) {
    this(bucket, key, null);
  }

  public static final String HEADER = "x-oss-copy-source";

  /** OSS's own message for a header it cannot split into bucket and key (spec §3.2). */
  static final String MESSAGE =
      "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.";

  /**
   * Parses the header value. A leading slash is optional; the only parameter after {@code ?} is
   * {@code versionId}. Faults are InvalidArgument naming the header.
   */
  public static CopySource parse(String header) {
    if (header == null) {
      throw invalid(null);
    }
    String value = header.trim();
    int query = value.indexOf('?');
    String versionId = null;
    if (query >= 0) {
      String parameter = value.substring(query + 1);
      if (!parameter.startsWith("versionId=") || parameter.length() == "versionId=".length()) {
        throw invalid(header);
      }
      versionId = parameter.substring("versionId=".length());
      value = value.substring(0, query);
    }
    String path = value.startsWith("/") ? value.substring(1) : value;
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw invalid(header);
    }
    String bucket;
    String key;
    try {
      bucket = UrlEncoding.decode(path.substring(0, slash));
      key = UrlEncoding.decode(path.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      throw invalid(header);
    }
    if (!BucketNames.isValid(bucket)) {
      throw invalid(header);
    }
    ObjectKeys.validate(key);
    return new CopySource(bucket, key, versionId);
  }

  private static OssException invalid(String header) {
    return OssException.invalidArgument(MESSAGE, HEADER, header);
  }
}
