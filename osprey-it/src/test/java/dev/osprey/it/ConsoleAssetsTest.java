package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's files and its gateway on the operators' listener, over plain HTTP: content types,
 * revalidation, the Content-Security-Policy, and {@code /console/oss/...} answered by the OSS
 * pipeline with OSS's own authorization and errors (here for anonymous callers; signed requests are
 * covered by {@link ConsoleBrowserTest}).
 */
class ConsoleAssetsTest {
  private static final String AK = "LTAIconsoleAssetsKey0";
  private static final String SK = "consoleAssetsSecret0123456789ab";
  private static IamFixture iam;
  private static OSS root;
  private static String admin;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    iam = IamFixture.start(AK, SK);
    root = Clients.sdk(iam.server.endpoint(), "V1", AK, SK);
    admin = iam.server.adminEndpoint();
  }

  @AfterAll
  static void stop() {
    root.shutdown();
    iam.close();
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(admin + path)).GET();
  }

  @Test
  void servesThePageWithAStrictPolicy() throws Exception {
    HttpResponse<byte[]> r = send(get("/console/"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("<script src=\"app.js\">");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void servesEachAssetWithItsTypeAndRevalidates() throws Exception {
    String[][] assets = {
      {"app.js", "text/javascript; charset=utf-8"},
      {"sign.js", "text/javascript; charset=utf-8"},
      {"console.css", "text/css; charset=utf-8"},
      {"icon.svg", "image/svg+xml"}
    };
    for (String[] a : assets) {
      HttpResponse<byte[]> r = send(get("/console/" + a[0]));
      assertThat(r.statusCode()).as(a[0]).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).as(a[0]).hasValue(a[1]);
      assertThat(r.body()).as(a[0]).isNotEmpty();
      String etag = r.headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> again = send(get("/console/" + a[0]).header("If-None-Match", etag));
      assertThat(again.statusCode()).as(a[0]).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
  }

  @Test
  void redirectsTheBarePathAndRefusesOthers() throws Exception {
    HttpResponse<byte[]> bare = send(get("/console"));
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
    assertThat(send(get("/console/nothing-here.js")).statusCode()).isEqualTo(404);
    assertThat(send(get("/console/ossx")).statusCode()).as("not the gateway").isEqualTo(404);
    HttpResponse<byte[]> post =
        send(
            HttpRequest.newBuilder(URI.create(admin + "/console/"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(send(get("/metrics")).statusCode()).as("the listener's own pages").isEqualTo(200);
  }

  @Test
  void gatewayAnswersAsTheOssApiWithItsAuthorization() throws Exception {
    String bucket = Buckets.unique("console-gw");
    root.createBucket(bucket);
    root.putObject(bucket, "private.txt", Payloads.stream("secret"));

    HttpResponse<byte[]> list = send(get("/console/oss/"));
    assertThat(list.statusCode()).isEqualTo(403);
    String xml = new String(list.body(), StandardCharsets.UTF_8);
    assertThat(xml)
        .contains("<Code>AccessDenied</Code>")
        .containsPattern("<RequestId>[0-9A-F]{24}");
    assertThat(list.headers().firstValue("x-oss-request-id")).isPresent();

    HttpResponse<byte[]> denied = send(get("/console/oss/" + bucket + "/private.txt"));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(new String(denied.body(), StandardCharsets.UTF_8))
        .contains("<Code>AccessDenied</Code>");

    root.setBucketAcl(bucket, CannedAccessControlList.PublicReadWrite);
    HttpResponse<byte[]> read = send(get("/console/oss/" + bucket + "/private.txt"));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("secret");

    // Far past the admin listener's 64 KB aggregation limit: the gateway streams bodies.
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    Arrays.fill(big, (byte) 'z');
    HttpResponse<byte[]> put =
        send(
            HttpRequest.newBuilder(URI.create(admin + "/console/oss/" + bucket + "/dir/big.bin"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(big)));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(root.getObject(bucket, "dir/big.bin").getObjectContent().readAllBytes())
        .isEqualTo(big);

    HttpResponse<byte[]> missing = send(get("/console/oss/no-such-bucket-here/x"));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(new String(missing.body(), StandardCharsets.UTF_8))
        .contains("<Code>NoSuchBucket</Code>");
  }
}
