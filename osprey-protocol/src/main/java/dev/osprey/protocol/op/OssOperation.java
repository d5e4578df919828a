package dev.osprey.protocol.op;

/**
 * One OSS API call, parsed from method + Host + path + query by the {@code Router} before anything
 * else runs. One record per API; records hold what the request line says (bucket, key, query
 * parameters, already validated). Headers and body are read by the handler for that operation.
 */
public sealed interface OssOperation permits ServiceOperation, BucketOperation, ObjectOperation {

  /** The OSS API name, e.g. {@code PutObject}; used in logs, metrics and RAM action names. */
  default String apiName() {
    return getClass().getSimpleName();
  }
}
