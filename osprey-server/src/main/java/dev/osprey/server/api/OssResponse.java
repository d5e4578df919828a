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
  public sealed interface Body permits NoBody, BytesBody, ObjectBody, StreamBody {}

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

  /**
   * A body written over time, chunked (Server-Sent Events of the live tail): once the head is sent
   * the HTTP layer hands {@code producer} a sink, and the response ends when the producer ends it
   * or the connection closes.
   */
  public record StreamBody(String contentType, java.util.function.Consumer<StreamSink> producer)
      implements Body {}

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Body body = new NoBody(-1);
  private String operation = "Unknown";
  private Subject subject = Subject.NONE;
  private String errorCode;
  private long bytesPerSecond;

  /**
   * Whom and what a request was about, for the access log: absent parts are null.
   *
   * @param bucket the bucket the request named
   * @param key the object key it named
   * @param accessKeyId the key that signed it, once authenticated (never a secret or signature)
   */
  public record Subject(String bucket, String key, String accessKeyId) {
    public static final Subject NONE = new Subject(null, null, null);
  }

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

  /** This response with another status: same headers, body, operation, subject and error code. */
  public OssResponse withStatus(int newStatus) {
    OssResponse copy = new OssResponse(newStatus);
    copy.headers.putAll(headers);
    copy.body = body;
    copy.operation = operation;
    copy.subject = subject;
    copy.errorCode = errorCode;
    copy.bytesPerSecond = bytesPerSecond;
    return copy;
  }

  /**
   * Limits how fast the body is sent ({@code x-oss-traffic-limit}); 0 (the default) sends it as
   * fast as the connection takes it.
   */
  public OssResponse trafficLimit(long newBytesPerSecond) {
    this.bytesPerSecond = newBytesPerSecond;
    return this;
  }

  /** The body's rate limit in bytes per second, 0 when there is none. */
  public long trafficLimit() {
    return bytesPerSecond;
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

  /** Names the bucket, key and access key of the request this answers, for the access log. */
  public OssResponse subject(Subject value) {
    this.subject = value;
    return this;
  }

  public Subject subject() {
    return subject;
  }

  /** Marks this response as the OSS error {@code code} (e.g. {@code NoSuchKey}). */
  public OssResponse errorCode(String code) {
    this.errorCode = code;
    return this;
  }

  /** The OSS error code this response carries, or null for a success. */
  public String errorCode() {
    return errorCode;
  }

  /** Body bytes this response announces (its Content-Length). */
  public long contentLength() {
    return switch (body) {
      case NoBody n -> Math.max(0, n.contentLength());
      case BytesBody b -> b.bytes().length;
      case ObjectBody o -> o.length();
      case StreamBody s -> 0;
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
