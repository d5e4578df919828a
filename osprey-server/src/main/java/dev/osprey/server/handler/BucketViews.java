package dev.osprey.server.handler;

import dev.osprey.protocol.xml.BucketSummary;
import dev.osprey.protocol.xml.Owner;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;

/**
 * How buckets and owners look on the wire: the region this server reports and the account that owns
 * everything.
 *
 * @param region e.g. {@code cn-hangzhou}; locations are {@code oss-<region>}
 * @param accountId the owning account's ID, shown in {@code <Owner>}
 */
record BucketViews(String region, String accountId) {

  String location() {
    return "oss-" + region;
  }

  Owner owner() {
    return new Owner(accountId, accountId);
  }

  /**
   * The endpoints reported for a bucket are the host the client used: that is how it reaches this
   * server.
   */
  BucketSummary summary(BucketRecord b, RequestContext ctx) {
    String host = ctx.header("host");
    String endpoint = host == null ? "" : host;
    String group = BucketConfigHandler.resourceGroup(b).resourceGroupId();
    return new BucketSummary(
        b.name(),
        b.created(),
        location(),
        region,
        b.storageClass(),
        endpoint,
        endpoint,
        group.isEmpty() ? null : group);
  }
}
