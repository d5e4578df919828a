package dev.osprey.cli;

/**
 * An {@code oss://bucket/key} argument. {@link #parse} wants a key; {@link #parseLocation} also
 * takes {@code oss://bucket} and {@code oss://bucket/prefix}, and gives an empty key for the bucket
 * itself.
 */
record OssUri(String bucket, String key) {
  private static final String SCHEME = "oss://";

  static OssUri parse(String s) {
    OssUri u = parseLocation(s);
    if (u.key().isEmpty()) {
      throw new IllegalArgumentException("expected oss://bucket/key, got " + s);
    }
    return u;
  }

  static OssUri parseLocation(String s) {
    if (!isOss(s)) {
      throw new IllegalArgumentException("expected oss://bucket[/key], got " + s);
    }
    String rest = s.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("expected oss://bucket[/key], got " + s);
    }
    return new OssUri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
  }

  static boolean isOss(String s) {
    return s != null && s.startsWith(SCHEME);
  }

  /** The same bucket with another key. */
  OssUri withKey(String k) {
    return new OssUri(bucket, k);
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
