package dev.osprey.cli;

/** An {@code oss://bucket/key} argument. */
record OssUri(String bucket, String key) {
  static OssUri parse(String s) {
    if (s == null || !s.startsWith("oss://")) {
      throw new IllegalArgumentException("expected oss://bucket/key, got " + s);
    }
    String rest = s.substring("oss://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("expected oss://bucket/key, got " + s);
    }
    return new OssUri(rest.substring(0, slash), rest.substring(slash + 1));
  }

  @Override
  public String toString() {
    return "oss://" + bucket + "/" + key;
  }
}
