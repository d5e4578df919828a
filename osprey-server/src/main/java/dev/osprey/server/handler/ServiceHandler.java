package dev.osprey.server.handler;

import dev.osprey.protocol.op.ServiceOperation.ListBuckets;
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
    List<BucketSummary> rows = page.buckets().stream().map(b -> views.summary(b, ctx)).toList();
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
