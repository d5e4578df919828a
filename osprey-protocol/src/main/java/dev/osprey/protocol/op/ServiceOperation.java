package dev.osprey.protocol.op;

/** Operations on the service endpoint itself (no bucket). */
public sealed interface ServiceOperation extends OssOperation permits ServiceOperation.ListBuckets {

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listbuckets">ListBuckets</a>
   * ({@code GET /}).
   *
   * @param prefix {@code prefix} query parameter or null
   * @param marker {@code marker} query parameter or null
   * @param maxKeys 1..1000, default 100
   */
  record ListBuckets(String prefix, String marker, int maxKeys) implements ServiceOperation {}
}
