package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;
import dev.osprey.protocol.route.RoutedRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds AuthRequests the way the router would hand them over. */
final class TestRequests {
  private TestRequests() {}

  static QueryParams query(String... namesAndValues) {
    List<QueryParams.Param> params = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.add(new QueryParams.Param(namesAndValues[i], namesAndValues[i + 1]));
    }
    return new QueryParams(params);
  }

  static AuthRequest request(
      String method, String bucket, String key, QueryParams query, Headers headers, Instant now) {
    OssOperation op;
    if (bucket == null) {
      op = new ServiceOperation.ListBuckets(null, null, 100);
    } else if (key == null) {
      op = new BucketOperation.GetBucketAcl(bucket);
    } else {
      op = new ObjectOperation.PutObject(bucket, key);
    }
    RequestHead head = new RequestHead(method, "/ignored-by-authenticators", headers);
    return new AuthRequest(head, new RoutedRequest(op, bucket, key, query), now);
  }
}
