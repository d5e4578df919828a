package dev.osprey.protocol.xml;

import dev.osprey.protocol.CannedAcl;

/**
 * The GetBucketAcl and GetObjectAcl body (spec §3.7, §3.10). For an object whose ACL was never set
 * the grant is {@link CannedAcl#DEFAULT} ({@code default}).
 */
public record AccessControlPolicy(Owner owner, CannedAcl grant) {
  public String toXml() {
    XmlWriter w = XmlWriter.document("AccessControlPolicy");
    owner.write(w);
    return w.start("AccessControlList").element("Grant", grant.wireName()).end().toXml();
  }
}
