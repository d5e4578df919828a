package dev.osprey.protocol.xml;

import dev.osprey.protocol.OssException;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The PutBucketResourceGroup body and the GetBucketResourceGroup answer, {@code
 * <BucketResourceGroupConfiguration><ResourceGroupId>rg-...</ResourceGroupId>}. An empty id is the
 * account's default resource group, which is also where a bucket created without {@code
 * x-oss-resource-group-id} belongs.
 *
 * @param resourceGroupId {@code rg-} and letters or digits, or "" for the default group
 */
public record BucketResourceGroupConfiguration(String resourceGroupId) {
  /** The name of this configuration among a bucket's sub-resource configurations. */
  public static final String CONFIG_NAME = "resourceGroup";

  public static final String HEADER = "x-oss-resource-group-id";

  public static final BucketResourceGroupConfiguration DEFAULT =
      new BucketResourceGroupConfiguration("");

  private static final Pattern ID = Pattern.compile("rg-[A-Za-z0-9]{1,60}");

  /** A resource group id as sent in the body or the header; malformed → InvalidArgument. */
  public static BucketResourceGroupConfiguration of(String id, String argumentName) {
    String trimmed = id == null ? "" : id.trim();
    if (!trimmed.isEmpty() && !ID.matcher(trimmed).matches()) {
      throw OssException.invalidArgument(
          "The resource group id is not valid.", argumentName, trimmed);
    }
    return new BucketResourceGroupConfiguration(trimmed);
  }

  public static BucketResourceGroupConfiguration parse(byte[] body) {
    Element root = SafeXml.parse(body, "BucketResourceGroupConfiguration");
    String id = SafeXml.childText(root, "ResourceGroupId");
    if (id == null) {
      throw SafeXml.malformed("The configuration must contain a ResourceGroupId.");
    }
    return of(id, "ResourceGroupId");
  }

  public String toXml() {
    return XmlWriter.document("BucketResourceGroupConfiguration")
        .element("ResourceGroupId", resourceGroupId)
        .toXml();
  }
}
