package dev.osprey.protocol.route;

import dev.osprey.protocol.QueryParams;
import java.util.Set;

/**
 * Query parameters that name a resource rather than modify a request. Anything not listed here is
 * an ordinary parameter and ignored when choosing the operation.
 */
final class SubResources {
  /** Bucket sub-resources Osprey answers. */
  static final Set<String> BUCKET_IMPLEMENTED =
      Set.of(
          "acl",
          "location",
          "bucketInfo",
          "uploads",
          "delete",
          "policy",
          "versioning",
          "versions",
          "lifecycle",
          "cors",
          "referer",
          "tagging",
          "stat",
          "website",
          "logging",
          "resourceGroup",
          "cname");

  /** Bucket sub-resources OSS has and Osprey does not (yet): UnsupportedBucketOperation. */
  static final Set<String> BUCKET_UNSUPPORTED =
      Set.of(
          "policyStatus",
          "encryption",
          "worm",
          "wormId",
          "wormExtend",
          "replication",
          "replicationProgress",
          "replicationLocation",
          "inventory",
          "inventoryId",
          "requestPayment",
          "qos",
          "qosInfo",
          "live",
          "img",
          "style",
          "styleName",
          "transferAcceleration",
          "accessMonitor",
          "httpsConfig",
          "publicAccessBlock",
          "metaQuery",
          "archiveDirectRead",
          "responseHeader",
          "regionList",
          "dataRedundancyTransition",
          "objectWormConfiguration",
          "overwriteConfig",
          "vpcip",
          "asyncFetch",
          "accessPoint",
          "processConfiguration",
          "bucketArchiveDirectRead",
          "userDefinedLogFieldsConfig");

  /** Object sub-resources Osprey answers. */
  static final Set<String> OBJECT_IMPLEMENTED =
      Set.of("append", "seal", "tagging", "acl", "uploads", "uploadId", "objectMeta", "symlink");

  /** Object sub-resources OSS has and Osprey does not (yet): UnsupportedObjectOperation. */
  static final Set<String> OBJECT_UNSUPPORTED =
      Set.of(
          "restore", "x-oss-process", "x-oss-async-process", "cleanRestoredObject", "live", "comp");

  private SubResources() {}

  /**
   * The first parameter, in arrival order, that is one of {@code implemented} or {@code
   * unsupported}; null when there is none. Unsupported ones win over implemented ones, so {@code
   * ?symlink&acl} is never mistaken for an ACL call.
   */
  static String pick(QueryParams query, Set<String> implemented, Set<String> unsupported) {
    String found = null;
    for (QueryParams.Param p : query.all()) {
      if (unsupported.contains(p.name())) {
        return p.name();
      }
      if (found == null && implemented.contains(p.name())) {
        found = p.name();
      }
    }
    return found;
  }
}
