package dev.osprey.protocol.xml;

import dev.osprey.protocol.BucketNames;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import org.w3c.dom.Element;

/**
 * The PutBucketLogging body and the GetBucketLogging answer, {@code
 * <BucketLoggingStatus><LoggingEnabled><TargetBucket/><TargetPrefix/></LoggingEnabled>}. A body
 * without LoggingEnabled turns logging off, as the Java SDK's setBucketLogging with no target does.
 *
 * @param targetBucket the bucket the logs go to, or null when logging is off
 * @param targetPrefix the prefix of the log objects' keys ("" when none)
 */
public record BucketLoggingStatus(String targetBucket, String targetPrefix) {
  /** The name of this configuration among a bucket's sub-resource configurations. */
  public static final String CONFIG_NAME = "logging";

  /** OSS's limit on TargetPrefix. */
  public static final int MAX_PREFIX_LENGTH = 32;

  public static final BucketLoggingStatus OFF = new BucketLoggingStatus(null, "");

  public BucketLoggingStatus {
    targetPrefix = targetPrefix == null ? "" : targetPrefix;
  }

  public boolean enabled() {
    return targetBucket != null;
  }

  public static BucketLoggingStatus parse(byte[] body) {
    Element root = SafeXml.parse(body, "BucketLoggingStatus");
    Element enabled = SafeXml.child(root, "LoggingEnabled");
    if (enabled == null) {
      return OFF;
    }
    String target = SafeXml.childText(enabled, "TargetBucket");
    if (target == null || target.isBlank()) {
      throw SafeXml.malformed("LoggingEnabled must name a TargetBucket.");
    }
    target = target.trim();
    if (!BucketNames.isValid(target)) {
      throw OssException.of(
          OssErrorCode.INVALID_TARGET_BUCKET_FOR_LOGGING, "The target bucket name is not valid.");
    }
    String prefix = SafeXml.childText(enabled, "TargetPrefix");
    prefix = prefix == null ? "" : prefix.trim();
    if (prefix.length() > MAX_PREFIX_LENGTH || prefix.startsWith("/")) {
      throw OssException.invalidArgument(
          "TargetPrefix must be at most 32 characters and not start with '/'.",
          "TargetPrefix",
          prefix);
    }
    return new BucketLoggingStatus(target, prefix);
  }

  public String toXml() {
    XmlWriter w = XmlWriter.document("BucketLoggingStatus");
    if (enabled()) {
      w.start("LoggingEnabled")
          .element("TargetBucket", targetBucket)
          .element("TargetPrefix", targetPrefix)
          .end();
    }
    return w.toXml();
  }
}
