package dev.osprey.server.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers, free of Netty: a status, headers, and a body that is either absent, bytes
 * (XML) or a slice of a stored object. The HTTP layer adds the common headers (request id, Server,
 * Date, Connection).
 */
public final class OssResponse {

  /** The body of a response. */
  public sealed interface Body permits NoBody, BytesBody, ObjectBody {}

  /**
   * No body; {@code contentLength} is what to announce (HEAD of an object announces its size), -1
   * for 0.
   */
  public record NoBody(long contentLength) implements Body {}

  public record BytesBody(byte[] bytes, String contentType) implements Body {}

  /**
   * A slice of an opened object, served zero-copy when possible; the HTTP layer closes {@code
   * source} once written.
   */
  public record ObjectBody(dev.osprey.storage.OpenObject source, long offset, long length)
      implements Body {}

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Body body = new NoBody(-1);
  private String operation = "Unknown";

  private OssResponse(int status) {
    this.status = status;
  }

  public static OssResponse status(int status) {
    return new OssResponse(status);
  }

  public static OssResponse ok() {
    return new OssResponse(200);
  }

  public static OssResponse noContent() {
    return new OssResponse(204);
  }

  public static OssResponse xml(String xml) {
    return ok().body(new BytesBody(xml.getBytes(StandardCharsets.UTF_8), "application/xml"));
  }

  public OssResponse header(String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
    return this;
  }

  public OssResponse body(Body newBody) {
    this.body = newBody;
    return this;
  }

  /** Names the OSS operation this answers, for metrics and logs. */
  public OssResponse operation(String name) {
    this.operation = name;
    return this;
  }

  public String operation() {
    return operation;
  }

  /** Body bytes this response announces (its Content-Length). */
  public long contentLength() {
    return switch (body) {
      case NoBody n -> Math.max(0, n.contentLength());
      case BytesBody b -> b.bytes().length;
      case ObjectBody o -> o.length();
    };
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Body body() {
    return body;
  }
}
