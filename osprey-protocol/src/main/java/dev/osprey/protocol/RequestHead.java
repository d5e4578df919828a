package dev.osprey.protocol;

/**
 * What the router and the authenticators see of a request: the method, the raw request target
 * exactly as received (path and query still percent-encoded) and the headers. No body.
 *
 * @param method upper-case HTTP method
 * @param rawUri the request target, e.g. {@code /bucket/a%20b?append&position=0}
 * @param headers request headers (Host included)
 */
public record RequestHead(String method, String rawUri, Headers headers) {
  public String host() {
    return headers.get("host");
  }
}
