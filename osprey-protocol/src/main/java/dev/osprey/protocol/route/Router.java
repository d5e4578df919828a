package dev.osprey.protocol.route;

import dev.osprey.protocol.BucketNames;
import dev.osprey.protocol.ObjectKeys;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.OssOperation;

/**
 * Turns a request head (method, target, Host and headers) into the typed {@link OssOperation},
 * before any authentication or storage work: parse, then act. Addressing rules are in {@link
 * Addressing}; the choice of operation per resource in {@code ServiceRoutes}, {@code BucketRoutes}
 * and {@code ObjectRoutes}. Thread-safe.
 */
public final class Router {
  private final Addressing addressing;

  public Router(RouterConfig config) {
    this.addressing = new Addressing(config);
  }

  /**
   * @throws OssException InvalidURI, InvalidBucketName, InvalidObjectName, InvalidArgument,
   *     MissingArgument or MethodNotAllowed when the request line does not name a valid operation
   */
  public RoutedRequest route(RequestHead head) {
    String rawUri = originForm(head.rawUri());
    if (rawUri == null || !rawUri.startsWith("/")) {
      throw OssException.of(OssErrorCode.INVALID_URI);
    }
    int q = rawUri.indexOf('?');
    String rawPath = q < 0 ? rawUri : rawUri.substring(0, q);
    QueryParams query = QueryStrings.parse(q < 0 ? null : rawUri.substring(q + 1));
    Target target = addressing.resolve(head.host(), rawPath);
    QueryArguments args = new QueryArguments(query);
    String method = head.method();

    if (target.bucket() == null) {
      return new RoutedRequest(ServiceRoutes.select(method, args), null, null, query);
    }
    BucketNames.validate(target.bucket());
    if ("OPTIONS".equals(method)) {
      // A CORS preflight: the same answer for the bucket and any object in it, whatever the query.
      if (target.key() != null) {
        ObjectKeys.validate(target.key());
      }
      return new RoutedRequest(
          new BucketOperation.Options(target.bucket(), target.key()),
          target.bucket(),
          target.key(),
          query);
    }
    if (target.key() == null) {
      return new RoutedRequest(
          BucketRoutes.select(method, target.bucket(), args), target.bucket(), null, query);
    }
    ObjectKeys.validate(target.key());
    ObjectRoutes.Request request =
        new ObjectRoutes.Request(method, target.bucket(), target.key(), args, head.headers());
    return new RoutedRequest(ObjectRoutes.select(request), target.bucket(), target.key(), query);
  }

  /**
   * The request target in origin form ({@code /path?query}). A client talking to Osprey through an
   * HTTP proxy setting sends the absolute form, {@code http://host/path} (RFC 9112 §3.2.2, which
   * servers must accept); its Host header names the same host.
   */
  private static String originForm(String rawUri) {
    if (rawUri == null || rawUri.startsWith("/")) {
      return rawUri;
    }
    int scheme = rawUri.indexOf("://");
    if (scheme < 0 || !rawUri.regionMatches(true, 0, "http", 0, 4)) {
      return rawUri;
    }
    int slash = rawUri.indexOf('/', scheme + 3);
    int question = rawUri.indexOf('?', scheme + 3);
    if (slash < 0 || (question >= 0 && question < slash)) {
      return question < 0 ? "/" : "/" + rawUri.substring(question);
    }
    return rawUri.substring(slash);
  }
}
