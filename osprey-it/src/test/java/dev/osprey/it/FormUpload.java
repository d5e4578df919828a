package dev.osprey.it;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code multipart/form-data} body as a browser's form builds it: fields, then the file. */
final class FormUpload {
  static final String BOUNDARY = "----OspreyFormBoundary7MA4YWxkTrZu0gW";

  private final Map<String, String> fields = new LinkedHashMap<>();
  private String filename = "photo.jpg";
  private String fileType = "image/jpeg";
  private byte[] file = new byte[0];
  private final Map<String, String> after = new LinkedHashMap<>();

  FormUpload field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  FormUpload file(String name, String type, byte[] content) {
    this.filename = name;
    this.fileType = type;
    this.file = content;
    return this;
  }

  /** A field after the file, which OSS does not read. */
  FormUpload fieldAfterFile(String name, String value) {
    after.put(name, value);
    return this;
  }

  byte[] body(boolean withFile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach((k, v) -> part(out, k, null, null, v.getBytes(StandardCharsets.UTF_8)));
    if (withFile) {
      part(out, "file", filename, fileType, file);
    }
    after.forEach((k, v) -> part(out, k, null, null, v.getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  private static void part(
      ByteArrayOutputStream out, String name, String filename, String type, byte[] content) {
    StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (filename != null) {
      head.append("; filename=\"").append(filename).append('"');
    }
    head.append("\r\n");
    if (type != null) {
      head.append("Content-Type: ").append(type).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  /** POSTs the form to the bucket's URL. */
  HttpRequest request(String bucket) {
    return post(Http.request(bucket, ""));
  }

  /** POSTs the form to the bucket's URL on the server at {@code endpoint} (path style). */
  HttpRequest request(String endpoint, String bucket) {
    return post(
        HttpRequest.newBuilder(java.net.URI.create(endpoint + "/" + bucket + "/"))
            .timeout(java.time.Duration.ofSeconds(30)));
  }

  private HttpRequest post(HttpRequest.Builder builder) {
    return builder
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(true)))
        .build();
  }
}
