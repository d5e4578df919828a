package dev.osprey.protocol.route;

/**
 * Which bucket a custom domain (CNAME) is bound to (spec §7): a request whose Host is a bound
 * domain addresses that bucket, with the whole path as the key.
 */
@FunctionalInterface
public interface CnameLookup {
  /** No domain is bound. */
  CnameLookup NONE = host -> null;

  /**
   * @param host the Host header's name: lower case, without port or trailing dot
   * @return the bound bucket, or null when {@code host} is not a bound domain
   */
  String bucketFor(String host);
}
