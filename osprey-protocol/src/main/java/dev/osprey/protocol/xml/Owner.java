package dev.osprey.protocol.xml;

/** An {@code <Owner>}: the account's ID and display name (OSS uses the account ID for both). */
public record Owner(String id, String displayName) {
  void write(XmlWriter w) {
    w.start("Owner").element("ID", id).element("DisplayName", displayName).end();
  }
}
