package dev.osprey.protocol;

/**
 * {@code x-oss-traffic-limit}: a per-request bandwidth limit in bit/s, sent as a header (PutObject,
 * AppendObject, UploadPart, GetObject) or, on a presigned URL, as a query parameter of that name.
 * OSS accepts 819200 (100 KiB/s) to 838860800 (100 MiB/s); anything else is InvalidArgument.
 */
public final class TrafficLimit {
  public static final String NAME = "x-oss-traffic-limit";
  public static final long MIN_BITS_PER_SECOND = 819_200L;
  public static final long MAX_BITS_PER_SECOND = 838_860_800L;

  private TrafficLimit() {}

  /**
   * The limit in bytes per second, or 0 when the request sets none.
   *
   * @throws OssException InvalidArgument when a value is given outside OSS's range or not a number
   */
  public static long bytesPerSecond(Headers headers, QueryParams query) {
    String value = headers.get(NAME);
    if (value == null) {
      value = query.get(NAME);
    }
    if (value == null) {
      return 0;
    }
    long bits;
    try {
      bits = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw outOfRange(value);
    }
    if (bits < MIN_BITS_PER_SECOND || bits > MAX_BITS_PER_SECOND) {
      throw outOfRange(value);
    }
    return bits / 8;
  }

  private static OssException outOfRange(String value) {
    return OssException.invalidArgument(
        "x-oss-traffic-limit must be between 819200 and 838860800 bit/s.", NAME, value);
  }
}
