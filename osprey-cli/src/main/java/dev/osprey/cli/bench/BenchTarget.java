package dev.osprey.cli.bench;

import java.net.URI;
import java.util.Locale;

/**
 * The endpoint the bench loads and the keys it signs with.
 *
 * @param host the endpoint's host
 * @param port its port
 * @param pathStyle whether buckets go in the path ({@code /bucket/key}, for IP addresses and
 *     localhost) or in the host name ({@code bucket.host}, as OSS itself wants)
 * @param credentials keys, signature version and region
 */
record BenchTarget(String host, int port, boolean pathStyle, Credentials credentials) {

  /**
   * @param securityToken the STS token, or null
   * @param signature {@code v1} or {@code v4}
   * @param region the V4 region
   */
  record Credentials(
      String accessKeyId,
      String accessKeySecret,
      String securityToken,
      String signature,
      String region) {}

  static BenchTarget of(String endpoint, Credentials credentials) {
    URI uri = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          "osprey bench speaks plain HTTP only (its client stays lean): " + endpoint);
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String h = host.toLowerCase(Locale.ROOT);
    boolean pathStyle =
        h.equals("localhost")
            || h.chars().allMatch(c -> Character.isDigit(c) || c == '.')
            || h.contains(":");
    return new BenchTarget(host, port, pathStyle, credentials);
  }

  /** The host to connect to and name in {@code Host} for a request on {@code bucket} (or null). */
  String hostFor(String bucket) {
    return pathStyle || bucket == null ? host : bucket + "." + host;
  }

  /** The Host header value. */
  String hostHeader(String bucket) {
    String h = hostFor(bucket);
    return port == 80 ? h : h + ":" + port;
  }
}
