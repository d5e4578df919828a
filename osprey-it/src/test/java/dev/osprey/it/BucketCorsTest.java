package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.ResponseMessage;
import com.aliyun.oss.model.CORSConfiguration;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.OptionsRequest;
import com.aliyun.oss.model.SetBucketCORSRequest;
import com.aliyun.oss.model.SetBucketCORSRequest.CORSRule;
import dev.osprey.protocol.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PutBucketCors / GetBucketCors / DeleteBucketCors through the Java SDK, the preflight (SDK's
 * optionsObject and a browser's unsigned OPTIONS), and the CORS headers on real responses.
 */
class BucketCorsTest {
  private static final String PAGE = "http://app.example.com";

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("cors");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private void allowPage() {
    CORSRule rule = new CORSRule();
    rule.setAllowedOrigins(List.of("http://*.example.com"));
    rule.setAllowedMethods(List.of("GET", "PUT", "POST"));
    rule.setAllowedHeaders(List.of("*"));
    rule.setExposeHeaders(List.of("ETag", "x-oss-next-append-position"));
    rule.setMaxAgeSeconds(600);
    CORSRule second = new CORSRule();
    second.setAllowedOrigins(List.of("*"));
    second.setAllowedMethods(List.of("HEAD"));
    SetBucketCORSRequest put = new SetBucketCORSRequest(bucket);
    put.setCorsRules(List.of(rule, second));
    put.setResponseVary(true);
    oss.setBucketCORS(put);
  }

  @Test
  void rulesAreStoredReturnedAndDeleted() {
    OssErrors.expect("NoSuchCORSConfiguration", () -> oss.getBucketCORSRules(bucket));
    allowPage();
    CORSConfiguration got = oss.getBucketCORS(new GenericRequest(bucket));
    assertThat(got.getResponseVary()).isTrue();
    assertThat(got.getCorsRules()).hasSize(2);
    CORSRule first = got.getCorsRules().get(0);
    assertThat(first.getAllowedOrigins()).containsExactly("http://*.example.com");
    assertThat(first.getAllowedMethods()).containsExactly("GET", "PUT", "POST");
    assertThat(first.getAllowedHeaders()).containsExactly("*");
    assertThat(first.getExposeHeaders()).containsExactly("ETag", "x-oss-next-append-position");
    assertThat(first.getMaxAgeSeconds()).isEqualTo(600);
    oss.deleteBucketCORSRules(bucket);
    OssErrors.expect("NoSuchCORSConfiguration", () -> oss.getBucketCORSRules(bucket));
    oss.deleteBucketCORSRules(bucket); // 204 again
  }

  @Test
  void badRulesAreRefused() throws IOException {
    String twoStars =
        "<CORSConfiguration><CORSRule><AllowedOrigin>http://*.*.com</AllowedOrigin>"
            + "<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>";
    RawResponse stars = putRaw(twoStars);
    assertThat(stars.status()).as("%s", stars).isEqualTo(400);
    assertThat(stars.errorCode()).isEqualTo("InvalidArgument");
    String badMethod =
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>"
            + "<AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>";
    RawResponse r = putRaw(badMethod);
    assertThat(r.status()).as("%s", r).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("InvalidArgument");
    StringBuilder many = new StringBuilder("<CORSConfiguration>");
    for (int i = 0; i <= Limits.CORS_RULES; i++) {
      many.append("<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>")
          .append("</CORSRule>");
    }
    RawResponse tooMany = putRaw(many.append("</CORSConfiguration>").toString());
    assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(400);
    assertThat(tooMany.errorCode()).isEqualTo("InvalidArgument");
    RawResponse notXml = putRaw("<CORSConfiguration><CORSRule>");
    assertThat(notXml.status()).as("%s", notXml).isEqualTo(400);
    assertThat(notXml.errorCode()).isEqualTo("MalformedXML");
    OssErrors.expect("NoSuchCORSConfiguration", () -> oss.getBucketCORSRules(bucket));
  }

  /** The SDK validates rules itself, so malformed ones go out as a raw V1-signed PUT /?cors. */
  private RawResponse putRaw(String xml) throws IOException {
    return RawConnection.exchange(RawRequest.of("PUT", bucket, null).query("cors", null).body(xml));
  }

  @Test
  @SuppressWarnings("deprecation") // optionsObject is the SDK's only preflight call
  void preflightFromTheSdkIsAnsweredFromTheMatchingRule() {
    allowPage();
    OptionsRequest ask = new OptionsRequest(bucket, "photo.png");
    ask.setOrigin(PAGE);
    ask.setRequestMethod(HttpMethod.PUT);
    ask.setRequestHeaders("x-oss-meta-a, content-type");
    ResponseMessage answer = oss.optionsObject(ask);
    assertThat(answer.getStatusCode()).isEqualTo(200);
    assertThat(answer.getHeaders().get("Access-Control-Allow-Origin")).isEqualTo(PAGE);
    assertThat(answer.getHeaders().get("Access-Control-Allow-Methods")).contains("PUT");
    assertThat(answer.getHeaders().get("Access-Control-Allow-Headers"))
        .contains("x-oss-meta-a")
        .contains("content-type");
    assertThat(answer.getHeaders().get("Access-Control-Max-Age")).isEqualTo("600");
    assertThat(answer.getHeaders().get("Vary")).isEqualTo("Origin");
  }

  @Test
  void unsignedPreflightIsAnsweredAndRefusedPerTheRules() {
    HttpResponse<String> none = preflight("k", PAGE, "PUT");
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(none)).isEqualTo("AccessForbidden");
    assertThat(Http.element(none.body(), "Message")).startsWith("CORSResponse:");

    allowPage();
    HttpResponse<String> ok = preflight("k", PAGE, "PUT");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
    assertThat(ok.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("ETag, x-oss-next-append-position");

    HttpResponse<String> otherSite = preflight("k", "http://evil.test", "PUT");
    assertThat(otherSite.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(otherSite)).isEqualTo("AccessForbidden");
    assertThat(otherSite.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    assertThat(preflight("k", PAGE, "DELETE").statusCode()).isEqualTo(403);
    assertThat(preflight("k", "http://evil.test", "HEAD").statusCode())
        .as("the second rule allows HEAD from anywhere")
        .isEqualTo(200);
    assertThat(preflight("", PAGE, "GET").statusCode()).as("on the bucket").isEqualTo(200);

    HttpResponse<String> badlySigned =
        Http.send(
            Http.request(bucket, "k")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .header("Access-Control-Request-Method", "PUT")
                .header(
                    "Authorization", "OSS " + SharedServer.ACCESS_KEY_ID + ":bm90LWEtc2lnbmF0dXJl")
                .build());
    assertThat(badlySigned.statusCode())
        .as("a preflight's credentials are not checked: %s", badlySigned.body())
        .isEqualTo(200);
    assertThat(badlySigned.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);

    HttpResponse<String> noMethod =
        Http.send(
            Http.request(bucket, "k")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .build());
    assertThat(noMethod.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(noMethod)).isEqualTo("AccessForbidden");
  }

  private HttpResponse<String> preflight(String key, String origin, String method) {
    return Http.send(
        Http.request(bucket, key)
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .build());
  }

  @Test
  void realResponsesToAPageCarryTheCorsHeadersErrorsIncluded() throws Exception {
    allowPage();
    oss.putObject(bucket, "a.txt", new ByteArrayInputStream("hi".getBytes(StandardCharsets.UTF_8)));
    oss.setBucketAcl(bucket, CannedAccessControlList.PublicRead);
    HttpResponse<String> get =
        Http.send(Http.request(bucket, "a.txt").header("Origin", PAGE).GET().build());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValue("ETag, x-oss-next-append-position");
    assertThat(get.headers().firstValue("Vary")).hasValue("Origin");

    HttpResponse<String> missing =
        Http.send(Http.request(bucket, "absent").header("Origin", PAGE).GET().build());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);

    HttpResponse<String> stranger =
        Http.send(Http.request(bucket, "a.txt").header("Origin", "http://evil.test").GET().build());
    assertThat(stranger.statusCode()).isEqualTo(200);
    assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<String> noOrigin = Http.send(Http.request(bucket, "a.txt").GET().build());
    assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(noOrigin.headers().firstValue("Vary")).isEmpty();
  }
}
