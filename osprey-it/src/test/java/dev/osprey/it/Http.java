package dev.osprey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP to the shared server, for what a browser sends and the SDK does not: preflights,
 * Origin and Referer headers, form uploads. Redirects are not followed, so a 303 is seen as sent.
 */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private Http() {}

  /** {@code http://127.0.0.1:port/bucket/key} (key may be empty). */
  static URI url(String bucket, String key) {
    return URI.create(SharedServer.get().endpoint() + "/" + bucket + "/" + key);
  }

  static HttpRequest.Builder request(String bucket, String key) {
    return HttpRequest.newBuilder(url(bucket, key)).timeout(Duration.ofSeconds(10));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code <Code>} of an error body. */
  static String errorCode(HttpResponse<String> r) {
    return element(r.body(), "Code");
  }

  /** The text of the first {@code <name>} element of an XML body, or null. */
  static String element(String xml, String name) {
    int start = xml.indexOf("<" + name + ">");
    int end = xml.indexOf("</" + name + ">");
    return start < 0 || end < start ? null : xml.substring(start + name.length() + 2, end);
  }
}
