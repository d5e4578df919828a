package dev.osprey.protocol;

/**
 * The source named by {@code x-oss-copy-source: /<bucket>/<url-encoded key>[?versionId=..]} (spec
 * §3.2). The Java SDK URL-encodes the key (slashes included) and puts the bucket in clear.
 *
 * @param bucket the source bucket
 * @param key the decoded source key
 */
public record CopySource(String bucket, String key) {
  public static final String HEADER = "x-oss-copy-source";

  /** OSS's own message for a header it cannot split into bucket and key (spec §3.2). */
  static final String MESSAGE =
      "Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.";

  /**
   * Parses the header value. A leading slash is optional; a {@code versionId} other than {@code
   * null} (the version of an object in an unversioned bucket) is refused, Osprey keeping no
   * versions. Faults are InvalidArgument naming the header.
   */
  public static CopySource parse(String header) {
    if (header == null) {
      throw invalid(null);
    }
    String value = header.trim();
    int query = value.indexOf('?');
    if (query >= 0) {
      String version = value.substring(query + 1);
      if (!version.equals("versionId=null")) {
        throw OssException.invalidArgument(
            "Osprey keeps no object versions: only versionId=null can be copied.", HEADER, header);
      }
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
    return new CopySource(bucket, key);
  }

  private static OssException invalid(String header) {
    return OssException.invalidArgument(MESSAGE, HEADER, header);
  }
}
