package dev.osprey.protocol.xml;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.HttpDates;

/**
 * The GetBucketInfo body (spec §3.7). The Java SDK requires Owner and AccessControlList/Grant, and
 * parses StorageClass and DataRedundancyType strictly, so those are always present and must be
 * valid wire values.
 *
 * @param dataRedundancyType {@code LRS} or {@code ZRS}
 * @param comment the bucket's comment, or null to omit the element
 */
public record BucketInfo(
    BucketSummary bucket, Owner owner, CannedAcl acl, String dataRedundancyType, String comment) {

  public String toXml() {
    XmlWriter w =
        XmlWriter.document("BucketInfo")
            .start("Bucket")
            .element("CreationDate", HttpDates.formatIso8601(bucket.creationDate()))
            .element("ExtranetEndpoint", bucket.extranetEndpoint())
            .element("IntranetEndpoint", bucket.intranetEndpoint())
            .element("Location", bucket.location())
            .element("StorageClass", bucket.storageClass().wireName())
            .element("TransferAcceleration", "Disabled")
            .element("CrossRegionReplication", "Disabled")
            .element("Name", bucket.name())
            .element("Region", bucket.region())
            .optional("ResourceGroupId", bucket.resourceGroupId());
    owner.write(w);
    w.start("AccessControlList").element("Grant", acl.wireName()).end();
    w.element("DataRedundancyType", dataRedundancyType).optional("Comment", comment);
    return w.end().toXml();
  }
}
