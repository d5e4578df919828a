package dev.osprey.cli.bench;

import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.UrlEncoding;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The OSS operations the bench sends, over one {@link HttpConnection}, signed by a {@link
 * RequestSigner}. Not thread-safe: one client per bench thread, and every call returns the same
 * reused {@link Response}.
 */
final class OssClient implements Closeable {
  private static final String OCTETS = "application/octet-stream";

  private final BenchTarget target;
  private final RequestSigner signer;
  private final StringBuilder text = new StringBuilder(1024);
  private final RequestBytes head = new RequestBytes();
  private final Response response = new Response();
  private HttpConnection connection;
  private String connectedHost;

  OssClient(BenchTarget target) {
    this.target = target;
    this.signer = new RequestSigner(target.credentials());
  }

  /** A request to send: what it is signed over, and how it goes on the wire. */
  private record Call(RequestSigner.Signed signed, boolean anonymous, boolean keepBody) {}

  Response put(String bucket, String key, byte[] body, int len) throws IOException {
    return send(call("PUT", bucket, key, QueryParams.EMPTY, OCTETS), body, len);
  }

  Response append(String bucket, String key, long position, byte[] body, int len)
      throws IOException {
    QueryParams q =
        new QueryParams(
            List.of(
                new QueryParams.Param("append", null),
                new QueryParams.Param("position", Long.toString(position))));
    return send(call("POST", bucket, key, q, OCTETS), body, len);
  }

  /**
   * Osprey's live tail: the bytes from {@code position}, the server holding the request up to
   * {@code waitSeconds} until they are acknowledged.
   */
  Response tail(String bucket, String key, long position, int waitSeconds) throws IOException {
    QueryParams q =
        new QueryParams(
            List.of(
                new QueryParams.Param("x-osprey-tail", Long.toString(position)),
                new QueryParams.Param("x-osprey-wait", Integer.toString(waitSeconds))));
    return send(call("GET", bucket, key, q, null), null, 0);
  }

  Response get(String bucket, String key) throws IOException {
    return send(call("GET", bucket, key, QueryParams.EMPTY, null), null, 0);
  }

  Response head(String bucket, String key) throws IOException {
    return send(call("HEAD", bucket, key, QueryParams.EMPTY, null), null, 0);
  }

  Response delete(String bucket, String key) throws IOException {
    return send(call("DELETE", bucket, key, QueryParams.EMPTY, null), null, 0);
  }

  /** ListObjects (V1) of up to {@code maxKeys} keys under {@code prefix}; the body is kept. */
  Response list(String bucket, String prefix, int maxKeys) throws IOException {
    QueryParams q =
        new QueryParams(
            List.of(
                new QueryParams.Param("max-keys", Integer.toString(maxKeys)),
                new QueryParams.Param("prefix", prefix)));
    Call c = call("GET", bucket, null, q, null);
    return send(new Call(c.signed(), false, true), null, 0);
  }

  Response createBucket(String bucket) throws IOException {
    return send(call("PUT", bucket, null, QueryParams.EMPTY, null), null, 0);
  }

  Response deleteBucket(String bucket) throws IOException {
    return send(call("DELETE", bucket, null, QueryParams.EMPTY, null), null, 0);
  }

  /** An unsigned GET, as any anonymous reader (or a plain web server's client) sends it. */
  Response anonymousGet(String bucket, String key) throws IOException {
    Call c = call("GET", bucket, key, QueryParams.EMPTY, null);
    return send(new Call(c.signed(), true, false), null, 0);
  }

  private static Call call(
      String method, String bucket, String key, QueryParams query, String contentType) {
    return new Call(
        new RequestSigner.Signed(method, bucket, key, query, contentType), false, false);
  }

  private Response send(Call c, byte[] body, int len) throws IOException {
    RequestSigner.Signed s = c.signed();
    text.setLength(0);
    text.append(s.method()).append(' ');
    appendPath(s.bucket(), s.key());
    appendQuery(s.query());
    text.append(" HTTP/1.1\r\n");
    RequestSigner.line(text, "Host", target.hostHeader(s.bucket()));
    if (s.contentType() != null) {
      RequestSigner.line(text, "Content-Type", s.contentType());
    }
    if (body != null || "PUT".equals(s.method()) || "POST".equals(s.method())) {
      RequestSigner.line(text, "Content-Length", Integer.toString(len));
    }
    if (!c.anonymous()) {
      signer.sign(s, text);
    }
    text.append("\r\n");
    head.set(text, "HEAD".equals(s.method()));
    connection(s.bucket()).exchange(head, body, len, c.keepBody(), response);
    return response;
  }

  private void appendPath(String bucket, String key) {
    text.append('/');
    if (bucket != null && target.pathStyle()) {
      text.append(bucket).append('/');
    }
    if (key != null) {
      text.append(UrlEncoding.encode(key, true));
    }
  }

  private void appendQuery(QueryParams query) {
    char sep = '?';
    for (QueryParams.Param p : query.all()) {
      text.append(sep).append(UrlEncoding.encode(p.name(), false));
      if (p.value() != null) {
        text.append('=').append(UrlEncoding.encode(p.value(), false));
      }
      sep = '&';
    }
  }

  private HttpConnection connection(String bucket) {
    String host = target.hostFor(bucket);
    if (connection == null || !host.equals(connectedHost)) {
      close();
      connection = new HttpConnection(host, target.port());
      connectedHost = host;
    }
    return connection;
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
