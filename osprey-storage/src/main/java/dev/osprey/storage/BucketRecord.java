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
 * @param versioning the versioning state (PutBucketVersioning)
 */
public record BucketRecord(
    String name,
    Instant created,
    String owner,
    CannedAcl acl,
    StorageClass storageClass,
    String dataRedundancyType,
    Versioning versioning) {

  public BucketRecord {
    versioning = versioning == null ? Versioning.UNVERSIONED : versioning;
  }

  /** A bucket that was never versioned. */
  public BucketRecord(
      String name,
      Instant created,
      String owner,
      CannedAcl acl,
      StorageClass storageClass,
      String dataRedundancyType) {
    this(name, created, owner, acl, storageClass, dataRedundancyType, Versioning.UNVERSIONED);
  }

  public BucketRecord withAcl(CannedAcl newAcl) {
    return new BucketRecord(
        name, created, owner, newAcl, storageClass, dataRedundancyType, versioning);
  }

  public BucketRecord withVersioning(Versioning newVersioning) {
    return new BucketRecord(
        name, created, owner, acl, storageClass, dataRedundancyType, newVersioning);
  }
}
