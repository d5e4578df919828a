package dev.osprey.protocol.route;

/**
 * The resource a request addresses, before validation: service ({@code bucket == null}), bucket
 * ({@code key == null}) or object.
 */
record Target(String bucket, String key) {
  static final Target SERVICE = new Target(null, null);
}
