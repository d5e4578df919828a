package dev.osprey.protocol.xml;

import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.nio.charset.StandardCharsets;
import org.w3c.dom.Element;

/**
 * The optional PutBucket body, {@code
 * <CreateBucketConfiguration><LocationConstraint/><StorageClass/><DataRedundancyType/>
 * </CreateBucketConfiguration>} (spec §3.7; the Java SDK sends LocationConstraint when the request
 * names one). Absent fields are null; the handler applies defaults (Standard, LRS) and checks the
 * location against its own.
 *
 * @param dataRedundancyType {@code LRS} or {@code ZRS}, or null
 * @param locationConstraint e.g. {@code oss-cn-hangzhou}, or null
 */
public record CreateBucketConfiguration(
    StorageClass storageClass, String dataRedundancyType, String locationConstraint) {
  public static final CreateBucketConfiguration NONE =
      new CreateBucketConfiguration(null, null, null);

  /**
   * Parses a body; an empty (or blank) body means no configuration. Bad values → InvalidArgument.
   */
  public static CreateBucketConfiguration parse(byte[] body) {
    if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return NONE;
    }
    Element root = SafeXml.parse(body, "CreateBucketConfiguration");
    String storageClass = blankToNull(SafeXml.childText(root, "StorageClass"));
    String redundancy = blankToNull(SafeXml.childText(root, "DataRedundancyType"));
    if (redundancy != null && !redundancy.equals("LRS") && !redundancy.equals("ZRS")) {
      throw OssException.invalidArgument(
          "Unsupported data redundancy type", "DataRedundancyType", redundancy);
    }
    return new CreateBucketConfiguration(
        storageClass == null ? null : StorageClass.parse(storageClass, "StorageClass"),
        redundancy,
        blankToNull(SafeXml.childText(root, "LocationConstraint")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
