package dev.osprey.protocol.route;

import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation.ListBuckets;

/**
 * Requests to the bare endpoint ({@code /} without a bucket): only ListBuckets exists (spec §3.7).
 */
final class ServiceRoutes {
  private ServiceRoutes() {}

  static OssOperation select(String method, QueryArguments args) {
    if (!method.equals("GET")) {
      throw MethodNotAllowed.of(method, MethodNotAllowed.SERVICE);
    }
    return new ListBuckets(
        args.listingArgument("prefix"), args.listingArgument("marker"), args.maxKeys());
  }
}
