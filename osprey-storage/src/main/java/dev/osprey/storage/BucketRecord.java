package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;

/**
 * A bucket as stored.
 *
 * @param name the bucket name
 * @param created creation time (millisecond precision)
 * @param owner id of the owning account
 * @param acl bucket ACL (never {@link CannedAcl#DEFAULT})
 * @param storageClass default storage class of the bucket
 * @param dataRedundancyType {@code LRS} or {@code ZRS}, as given at creation
 */
public record BucketRecord(
    String name,
    Instant created,
    String owner,
    CannedAcl acl,
    StorageClass storageClass,
    String dataRedundancyType) {

  public BucketRecord withAcl(CannedAcl newAcl) {
    return new BucketRecord(name, created, owner, newAcl, storageClass, dataRedundancyType);
  }
}
