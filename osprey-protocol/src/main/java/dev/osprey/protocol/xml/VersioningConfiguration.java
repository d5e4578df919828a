package dev.osprey.protocol.xml;

/**
 * The PutBucketVersioning body and the GetBucketVersioning answer, {@code
 * <VersioningConfiguration><Status>Enabled|Suspended</Status></VersioningConfiguration>}. A bucket
 * never versioned answers with no Status element.
 *
 * @param status {@code Enabled}, {@code Suspended}, or null
 */
public record VersioningConfiguration(String status) {
  /** Parses a request body; not well-formed or no Status → MalformedXML. */
  public static VersioningConfiguration parse(byte[] body) {
    org.w3c.dom.Element root = SafeXml.parse(body, "VersioningConfiguration");
    String status = SafeXml.childText(root, "Status");
    if (status == null) {
      throw SafeXml.malformed("The VersioningConfiguration must contain a Status.");
    }
    return new VersioningConfiguration(status.trim());
  }

  public String toXml() {
    return XmlWriter.document("VersioningConfiguration").optional("Status", status).toXml();
  }
}
