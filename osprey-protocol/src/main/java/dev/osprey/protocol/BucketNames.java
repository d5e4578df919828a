package dev.osprey.protocol;

import java.util.regex.Pattern;

/**
 * Bucket naming rules (spec §0): 3–63 characters of {@code [a-z0-9-]}, starting and ending with a
 * letter or digit. Creation enforces exactly that; every other operation also tolerates {@code _}
 * (as the Java SDK does), so a request for a legacy name reaches NoSuchBucket instead of failing on
 * its name.
 */
public final class BucketNames {
  private static final Pattern FOR_CREATE = Pattern.compile("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
  private static final Pattern FOR_ACCESS = Pattern.compile("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$");

  private BucketNames() {}

  public static boolean isValidForCreate(String name) {
    return name != null && FOR_CREATE.matcher(name).matches();
  }

  public static boolean isValid(String name) {
    return name != null && FOR_ACCESS.matcher(name).matches();
  }

  /** For PutBucket. Throws InvalidBucketName with a {@code BucketName} detail. */
  public static void validateForCreate(String name) {
    if (!isValidForCreate(name)) {
      throw invalid(name);
    }
  }

  /**
   * For every operation but PutBucket. Throws InvalidBucketName with a {@code BucketName} detail.
   */
  public static void validate(String name) {
    if (!isValid(name)) {
      throw invalid(name);
    }
  }

  private static OssException invalid(String name) {
    return OssException.of(OssErrorCode.INVALID_BUCKET_NAME).detail("BucketName", name);
  }
}
