package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;

/**
 * One bucket as ListBuckets and GetBucketInfo show it (spec §3.7). Independent of how storage keeps
 * buckets.
 *
 * @param location e.g. {@code oss-cn-hangzhou}
 * @param region e.g. {@code cn-hangzhou}
 * @param extranetEndpoint e.g. {@code oss-cn-hangzhou.aliyuncs.com}, or this server's endpoint
 * @param intranetEndpoint the endpoint for internal clients; may equal the extranet one
 * @param resourceGroupId the bucket's resource group, or null (the default group) to omit it
 */
public record BucketSummary(
    String name,
    Instant creationDate,
    String location,
    String region,
    StorageClass storageClass,
    String extranetEndpoint,
    String intranetEndpoint,
    String resourceGroupId) {

  /** A bucket of the default resource group. */
  public BucketSummary(
      String name,
      Instant creationDate,
      String location,
      String region,
      StorageClass storageClass,
      String extranetEndpoint,
      String intranetEndpoint) {
    this(
        name,
        creationDate,
        location,
        region,
        storageClass,
        extranetEndpoint,
        intranetEndpoint,
        null);
  }

  void write(XmlWriter w) {
    w.start("Bucket")
        .element("CreationDate", HttpDates.formatIso8601(creationDate))
        .element("ExtranetEndpoint", extranetEndpoint)
        .element("IntranetEndpoint", intranetEndpoint)
        .element("Location", location)
        .element("Name", name)
        .element("Region", region)
        .element("StorageClass", storageClass.wireName())
        .optional("ResourceGroupId", resourceGroupId)
        .end();
  }
}
