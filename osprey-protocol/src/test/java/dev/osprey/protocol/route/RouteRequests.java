package dev.osprey.protocol.route;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.RequestHead;
import java.util.Map;

/** Request lines for the router tables. */
final class RouteRequests {
  static final String AOSS = "bkt.oss-cn-hangzhou.aliyuncs.com";
  static final String IP = "127.0.0.1:9400";
  static final String VHOST = "bkt.localhost:9400";
  static final String LONG_KEY = "k".repeat(1024);

  private RouteRequests() {}

  /** One request line of the table. */
  record Req(String method, String host, String uri, Map<String, String> extraHeaders) {
    RequestHead head() {
      return RouteRequests.head(method, host, uri, extraHeaders);
    }

    @Override
    public String toString() {
      return method + " " + host + " " + uri;
    }
  }

  static Req req(String method, String host, String uri) {
    return new Req(method, host, uri, Map.of());
  }

  static Req req(String method, String host, String uri, Map<String, String> extra) {
    return new Req(method, host, uri, extra);
  }

  static RequestHead head(String method, String host, String uri, Map<String, String> extra) {
    Headers headers = new Headers();
    if (host != null) {
      headers.add("Host", host);
    }
    extra.forEach(headers::add);
    return new RequestHead(method, uri, headers);
  }
}
