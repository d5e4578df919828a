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
 * @param lifecycle the lifecycle configuration as put (PutBucketLifecycle, XML, validated), or null
 */
public record BucketRecord(
    String name,
    Instant created,
    String owner,
    CannedAcl acl,
    StorageClass storageClass,
    String dataRedundancyType,
    Versioning versioning,
    String lifecycle) {

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
    this(name, created, owner, acl, storageClass, dataRedundancyType, Versioning.UNVERSIONED, null);
  }

  public BucketRecord withAcl(CannedAcl newAcl) {
    return new BucketRecord(
        name, created, owner, newAcl, storageClass, dataRedundancyType, versioning, lifecycle);
  }

  public BucketRecord withVersioning(Versioning newVersioning) {
    return new BucketRecord(
        name, created, owner, acl, storageClass, dataRedundancyType, newVersioning, lifecycle);
  }

  /** With another lifecycle configuration (null: none). */
  public BucketRecord withLifecycle(String newLifecycle) {
    return new BucketRecord(
        name, created, owner, acl, storageClass, dataRedundancyType, versioning, newLifecycle);
  }
}
