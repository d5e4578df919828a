package dev.osprey.server.handler;

import dev.osprey.protocol.op.ServiceOperation.ListBuckets;
import dev.osprey.protocol.xml.BucketResourceGroupConfiguration;
import dev.osprey.protocol.xml.BucketSummary;
import dev.osprey.protocol.xml.ListAllMyBucketsResult;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketListing;
import dev.osprey.storage.ObjectService;
import java.util.List;

/** Operations on the service endpoint. */
final class ServiceHandler {
  private final ObjectService storage;
  private final BucketViews views;

  ServiceHandler(ObjectService storage, BucketViews views) {
    this.storage = storage;
    this.views = views;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listbuckets">ListBuckets</a>.
   */
  OssResponse listBuckets(RequestContext ctx, ListBuckets op) {
    BucketListing page = storage.listBuckets(op.prefix(), op.marker(), op.maxKeys());
    // The SDK asks for one resource group's buckets with this header; the page is filtered, so
    // it may hold fewer than max-keys buckets while more follow (IsTruncated, NextMarker).
    String group = ctx.header(BucketResourceGroupConfiguration.HEADER);
    List<BucketSummary> rows =
        page.buckets().stream()
            .map(b -> views.summary(b, ctx))
            .filter(b -> group == null || group.isEmpty() || group.equals(b.resourceGroupId()))
            .toList();
    // Paging elements appear only when the request asked for paging (spec §3.7).
    Integer maxKeys = ctx.routed().query().has("max-keys") ? op.maxKeys() : null;
    return OssResponse.xml(
        new ListAllMyBucketsResult(
                views.owner(),
                rows,
                op.prefix(),
                op.marker(),
                maxKeys,
                page.truncated(),
                page.nextMarker())
            .toXml());
  }
}
