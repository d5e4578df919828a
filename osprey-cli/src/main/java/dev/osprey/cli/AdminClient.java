package dev.osprey.cli;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A client of Osprey's admin API (users, access keys, policies) on the operators' listener. Each
 * request is signed with the root key, signature V1 with the path as the signed resource, the way
 * the server checks it.
 */
public final class AdminClient {
  /** An answer: HTTP status and the JSON body. */
  public record Response(int status, String json) {
    public boolean ok() {
      return status == 200;
    }
  }

  private final String endpoint;
  private final String accessKeyId;
  private final String secret;
  private final HttpClient http;

  public AdminClient(String endpoint, String accessKeyId, String secret) {
    this(endpoint, accessKeyId, secret, null);
  }

  /**
   * As {@link #AdminClient(String, String, String)}, for an https endpoint whose certificate {@code
   * trusted} (null: the JVM's trust store) vouches for.
   */
  public AdminClient(
      String endpoint, String accessKeyId, String secret, X509TrustManager[] trusted) {
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (trusted != null) {
      try {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trusted, null);
        b.sslContext(ssl);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JVM offers no TLS", e);
      }
    }
    this.http = b.build();
  }

  /**
   * @param path below {@code /admin/}, e.g. {@code users/bob/keys}
   * @param body a JSON document to send, or null
   */
  public Response call(String method, String path, String body)
      throws IOException, InterruptedException {
    String date = HttpDates.formatRfc1123(Instant.now());
    String contentType = body == null ? "" : "application/json";
    Headers signed = Headers.of("x-oss-date", date);
    if (!contentType.isEmpty()) {
      signed.add("content-type", contentType);
    }
    String resource = SignatureV1.canonicalizedResource("admin", path, QueryParams.EMPTY);
    String signature =
        SignatureV1.sign(secret, SignatureV1.stringToSign(method, signed, date, resource));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(endpoint + "/admin/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("x-oss-date", date)
            .header("Authorization", "OSS " + accessKeyId + ":" + signature)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (!contentType.isEmpty()) {
      req.header("Content-Type", contentType);
    }
    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body());
  }
}
