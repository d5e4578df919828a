package dev.osprey.protocol.route;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.UrlEncoding;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds bucket and key from the Host header and the request path (spec §7, §9b, §11).
 *
 * <ul>
 *   <li>Host is a custom domain bound to a bucket (CNAME): that bucket, the path is the key.
 *   <li>Host is a configured domain, an IP literal or a name without a dot: path style, {@code
 *       /bucket/key}.
 *   <li>Host is {@code <bucket>.<domain>} for a configured domain: virtual-hosted, the path is the
 *       key.
 *   <li>Any other Host: its first label is the bucket. ali-oss over an IP endpoint sends {@code
 *       Host: bkt.oss-cn-hangzhou.aliyuncs.com}, with the bucket repeated in the path when its
 *       {@code sldEnable} is on; so a first path segment equal to that bucket means path style,
 *       else the path is the key.
 * </ul>
 *
 * <p>The path is percent-decoded as a whole before it is split, because the C SDK encodes the slash
 * between bucket and key as {@code %2F} ({@code HEAD /examplebucket%2Fexampledir%2Fobj.txt}, spec
 * §11).
 */
final class Addressing {
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

  /**
   * OSS's own endpoint names ({@code oss-cn-hangzhou.aliyuncs.com}, {@code
   * oss-accelerate.aliyuncs.com}, internal variants). ali-oss over an IP endpoint sends one as Host
   * for calls without a bucket (ListBuckets), so it is an endpoint, not a bucket called {@code
   * oss-cn-hangzhou}.
   */
  private static final Pattern OSS_ENDPOINT =
      Pattern.compile("^oss-[a-z0-9-]+\\.(aliyuncs\\.com|aliyun-inc\\.com)$");

  private final RouterConfig config;

  Addressing(RouterConfig config) {
    this.config = config;
  }

  /**
   * @param hostHeader the Host header as received (may carry a port, may be null)
   * @param rawPath the path part of the request target, still percent-encoded, starting with {@code
   *     /}
   */
  Target resolve(String hostHeader, String rawPath) {
    String path = decodePath(rawPath);
    String host = hostName(hostHeader);
    String bound = host.isEmpty() ? null : config.cnames().bucketFor(host);
    if (bound != null) {
      String key = path.substring(1);
      return new Target(bound, key.isEmpty() ? null : key);
    }
    if (isPathStyleHost(host)) {
      return pathStyle(path);
    }
    String bucket = virtualHostBucket(host);
    if (bucket == null) {
      bucket = host.substring(0, host.indexOf('.'));
      if (firstSegment(path).equals(bucket)) {
        return pathStyle(path);
      }
    }
    String key = path.substring(1);
    return new Target(bucket, key.isEmpty() ? null : key);
  }

  /** The Host header without port and trailing dot, lower-cased; "" when absent. */
  static String hostName(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host;
  }

  private boolean isPathStyleHost(String host) {
    return host.isEmpty()
        || config.domains().contains(host)
        || host.startsWith("[")
        || IPV4.matcher(host).matches()
        || OSS_ENDPOINT.matcher(host).matches()
        || host.indexOf('.') < 0;
  }

  private String virtualHostBucket(String host) {
    for (String domain : config.domains()) {
      if (host.length() > domain.length() + 1
          && host.endsWith(domain)
          && host.charAt(host.length() - domain.length() - 1) == '.') {
        return host.substring(0, host.length() - domain.length() - 1);
      }
    }
    return null;
  }

  private static Target pathStyle(String path) {
    String rest = path.substring(1);
    if (rest.isEmpty()) {
      return Target.SERVICE;
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return new Target(rest, null);
    }
    String key = rest.substring(slash + 1);
    return new Target(rest.substring(0, slash), key.isEmpty() ? null : key);
  }

  private static String firstSegment(String path) {
    int slash = path.indexOf('/', 1);
    return slash < 0 ? path.substring(1) : path.substring(1, slash);
  }

  private static String decodePath(String rawPath) {
    String path;
    try {
      path = UrlEncoding.decode(rawPath);
    } catch (IllegalArgumentException e) {
      throw OssException.of(
          OssErrorCode.INVALID_URI, "Couldn't parse the specified URI: " + e.getMessage() + ".");
    }
    if (!path.startsWith("/")) {
      throw OssException.of(OssErrorCode.INVALID_URI);
    }
    return path;
  }
}
