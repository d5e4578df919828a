package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bucket as stored.
 *
 * <p>The configurations a bucket's sub-resources hold (lifecycle, CORS, website, logging, referer,
 * tagging, ...) are kept as documents by name in {@link #configs()}: each document is what the
 * sub-resource's handler validated and will parse again (usually the XML as put), and the name is
 * the sub-resource's lower-case query name ({@value #LIFECYCLE}, {@code cors}, {@code website},
 * ...). New sub-resources need no new field, no new codec format and no new method on the stores.
 *
 * @param name the bucket name
 * @param created creation time (millisecond precision)
 * @param owner id of the owning account
 * @param acl bucket ACL (never {@link CannedAcl#DEFAULT})
 * @param storageClass default storage class of the bucket
 * @param dataRedundancyType {@code LRS} or {@code ZRS}, as given at creation
 * @param versioning the versioning state (PutBucketVersioning)
 * @param configs sub-resource configurations by name (never null; sorted, unmodifiable)
 */
public record BucketRecord(
    String name,
    Instant created,
    String owner,
    CannedAcl acl,
    StorageClass storageClass,
    String dataRedundancyType,
    Versioning versioning,
    Map<String, String> configs) {

  /** The name of the lifecycle configuration (PutBucketLifecycle) in {@link #configs()}. */
  public static final String LIFECYCLE = "lifecycle";

  public BucketRecord {
    versioning = versioning == null ? Versioning.UNVERSIONED : versioning;
    configs =
        configs == null || configs.isEmpty()
            ? Map.of()
            : Collections.unmodifiableSortedMap(new TreeMap<>(configs));
  }

  /** A bucket that was never versioned and has no sub-resource configuration. */
  public BucketRecord(
      String name,
      Instant created,
      String owner,
      CannedAcl acl,
      StorageClass storageClass,
      String dataRedundancyType) {
    this(name, created, owner, acl, storageClass, dataRedundancyType, Versioning.UNVERSIONED, null);
  }

  /** The named sub-resource configuration, or null when the bucket has none. */
  public String config(String configName) {
    return configs.get(configName);
  }

  /** The lifecycle configuration as put (XML, validated), or null. */
  public String lifecycle() {
    return config(LIFECYCLE);
  }

  public BucketRecord withAcl(CannedAcl newAcl) {
    return new BucketRecord(
        name, created, owner, newAcl, storageClass, dataRedundancyType, versioning, configs);
  }

  public BucketRecord withVersioning(Versioning newVersioning) {
    return new BucketRecord(
        name, created, owner, acl, storageClass, dataRedundancyType, newVersioning, configs);
  }

  /** With the named configuration replaced ({@code document} null: removed). */
  public BucketRecord withConfig(String configName, String document) {
    TreeMap<String, String> changed = new TreeMap<>(configs);
    if (document == null) {
      changed.remove(configName);
    } else {
      changed.put(configName, document);
    }
    return new BucketRecord(
        name, created, owner, acl, storageClass, dataRedundancyType, versioning, changed);
  }

  /** With another lifecycle configuration (null: none). */
  public BucketRecord withLifecycle(String newLifecycle) {
    return withConfig(LIFECYCLE, newLifecycle);
  }
}
