package dev.osprey.it;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP/1.1 request built byte by byte, so a test controls everything the server sees: the
 * request target as sent, the Host header, framing (Content-Length, chunked, both or neither) and a
 * V1 signature computed for the resource the request means (spec §5.1), which may differ from how
 * the target spells it (C SDK {@code %2F}, ali-oss Host forms).
 */
final class RawRequest {
  /**
   * Per spec §5.1 a sub-resource without value is signed bare; {@code null} means "no value at
   * all".
   */
  private record Param(String name, String value) {}

  private record Header(String name, String value) {}

  private final String method;
  private final String bucket;
  private final String key;
  private final List<Param> query = new ArrayList<>();
  private final List<Header> headers = new ArrayList<>();
  private String target;
  private String host;
  private byte[] body = new byte[0];
  private List<byte[]> chunks;
  private boolean contentLength = true;
  private Instant date = Instant.now();
  private String accessKeyId = SharedServer.ACCESS_KEY_ID;
  private String secret = SharedServer.ACCESS_KEY_SECRET;
  private boolean signed = true;
  private String forcedSignature;

  private RawRequest(String method, String bucket, String key) {
    this.method = method;
    this.bucket = bucket;
    this.key = key;
    this.host = "127.0.0.1:" + SharedServer.get().port();
  }

  /**
   * A path-style request on the shared server for {@code bucket} and {@code key} (either may be
   * null).
   */
  static RawRequest of(String method, String bucket, String key) {
    return new RawRequest(method, bucket, key);
  }

  RawRequest query(String name, String value) {
    query.add(new Param(name, value));
    return this;
  }

  RawRequest header(String name, String value) {
    headers.add(new Header(name, value));
    return this;
  }

  /**
   * The request target exactly as sent, instead of the path-style {@code /bucket/key} built from
   * the resource.
   */
  RawRequest target(String rawTarget) {
    this.target = rawTarget;
    return this;
  }

  RawRequest host(String value) {
    this.host = value;
    return this;
  }

  RawRequest body(byte[] value) {
    this.body = value;
    return this;
  }

  RawRequest body(String utf8) {
    return body(utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the body with {@code Transfer-Encoding: chunked}, one HTTP chunk per element. */
  RawRequest chunked(List<byte[]> value) {
    this.chunks = value;
    return this;
  }

  /** Omits Content-Length (for MissingContentLength, or together with {@link #chunked}). */
  RawRequest withoutContentLength() {
    this.contentLength = false;
    return this;
  }

  RawRequest date(Instant value) {
    this.date = value;
    return this;
  }

  RawRequest anonymous() {
    this.signed = false;
    return this;
  }

  RawRequest signature(String value) {
    this.forcedSignature = value;
    return this;
  }

  RawRequest credentials(String id, String sk) {
    this.accessKeyId = id;
    this.secret = sk;
    return this;
  }

  /** The string the V1 signature covers, as this request will be sent. */
  String stringToSign() {
    Headers h = new Headers();
    for (Header e : allHeaders(false)) {
      h.add(e.name(), e.value());
    }
    List<QueryParams.Param> params =
        query.stream()
            .map(p -> new QueryParams.Param(p.name(), p.value() == null ? "" : p.value()))
            .toList();
    String resource = SignatureV1.canonicalizedResource(bucket, key, new QueryParams(params));
    return SignatureV1.stringToSign(method, h, SignatureV1.dateLine(h), resource);
  }

  /** Request line and headers only, without the blank line that ends them. */
  String headLines() {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(requestTarget()).append(" HTTP/1.1\r\n");
    for (Header h : allHeaders(true)) {
      sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    return sb.toString();
  }

  /** The head, ending with the blank line. */
  byte[] headBytes() {
    return (headLines() + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The body as framed on the wire (chunk-encoded when {@link #chunked} was used). */
  byte[] bodyBytes() {
    if (chunks == null) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] c : chunks) {
      out.writeBytes((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(c);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(headBytes());
    out.writeBytes(bodyBytes());
    return out.toByteArray();
  }

  String method() {
    return method;
  }

  private String requestTarget() {
    String path = target;
    if (path == null) {
      path = bucket == null ? "/" : "/" + bucket + "/" + (key == null ? "" : encodePath(key));
    }
    if (query.isEmpty() || path.contains("?")) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Param p : query) {
      sb.append(sep).append(URLEncoder.encode(p.name(), StandardCharsets.UTF_8));
      if (p.value() != null) {
        sb.append('=')
            .append(URLEncoder.encode(p.value(), StandardCharsets.UTF_8).replace("+", "%20"));
      }
      sep = '&';
    }
    return sb.toString();
  }

  private List<Header> allHeaders(boolean withAuthorization) {
    List<Header> all = new ArrayList<>();
    all.add(new Header("Host", host));
    // ali-oss sends only x-oss-date and signs it on the Date line (spec §5.1): no Date header then.
    if (signed
        && headers.stream()
            .noneMatch(
                h ->
                    h.name().equalsIgnoreCase("date") || h.name().equalsIgnoreCase("x-oss-date"))) {
      all.add(new Header("Date", HttpDates.formatRfc1123(date)));
    }
    all.addAll(headers);
    if (chunks != null) {
      all.add(new Header("Transfer-Encoding", "chunked"));
    }
    if (contentLength && chunks == null) {
      all.add(new Header("Content-Length", Integer.toString(body.length)));
    }
    if (signed && withAuthorization) {
      String signature =
          forcedSignature != null ? forcedSignature : SignatureV1.sign(secret, stringToSign());
      all.add(new Header("Authorization", "OSS " + accessKeyId + ":" + signature));
    }
    return all;
  }

  /** Percent-encodes a key for a path, keeping {@code /} (what the Java SDK sends, spec §7). */
  static String encodePath(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
