package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AddBucketCnameRequest;
import com.aliyun.oss.model.MatchMode;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PolicyConditions;
import com.aliyun.oss.model.SetBucketCORSRequest;
import com.aliyun.oss.model.SetBucketCORSRequest.CORSRule;
import com.sun.net.httpserver.HttpServer;
import dev.osprey.cli.AdminClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser against Osprey: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code ./test} installs) loads pages from another origin, a loopback
 * server on its own port. One page uses the ali-oss browser bundle to put, append, multipart-upload
 * and download; the other is a plain HTML form that posts a file (PostObject). Everything goes
 * through the bucket's CORS rules; the results are read back with the Java SDK, and any browser
 * console error fails the test.
 */
class BrowserTest {
  private static final String AK = "LTAIbrowserRootKey00";
  private static final String SK = "browserRootSecret0123456789abcd";

  /** A bucket without CORS rules: the page may sign for it, the browser must still refuse. */
  private static final String OTHER_BUCKET = Buckets.unique("nocors");

  private static HttpServer pages;
  private static String pageOrigin;
  private static IamFixture iam;
  private static OSS oss;
  private static String bucket;
  private static String endpoint;

  /** What the page signs with: temporary credentials of a user that may only touch the bucket. */
  private static String stsId;

  private static String stsSecret;
  private static String stsToken;

  @TempDir static Path profile;

  @BeforeAll
  static void start() throws Exception {
    pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", BrowserTest::servePage);
    pages.start();
    pageOrigin = "http://127.0.0.1:" + pages.getAddress().getPort();
    iam = IamFixture.start(AK, SK);
    oss = Clients.sdk(iam.server.endpoint(), "V1", AK, SK);
    bucket = Buckets.unique("browser");
    oss.createBucket(bucket);
    // ali-oss with a localhost endpoint addresses bucket.localhost:port, which Chromium resolves to
    // the loopback address without any hosts file.
    endpoint = "http://localhost:" + iam.server.port();
    CORSRule rule = new CORSRule();
    rule.setAllowedOrigins(List.of(pageOrigin));
    rule.setAllowedMethods(List.of("GET", "PUT", "POST", "DELETE", "HEAD"));
    rule.setAllowedHeaders(List.of("*"));
    rule.setExposeHeaders(
        List.of("ETag", "x-oss-next-append-position", "x-oss-request-id", "x-oss-object-type"));
    rule.setMaxAgeSeconds(60);
    SetBucketCORSRequest cors = new SetBucketCORSRequest(bucket);
    cors.addCorsRule(rule);
    oss.setBucketCORS(cors);

    String user = "page-" + bucket;
    AdminClient.Response created = iam.admin.call("POST", "users/" + user, null);
    assertThat(created.status()).as(created.json()).isEqualTo(200);
    String policy =
        "{\"Version\":\"1\",\"Statement\":["
            + IamFixture.statement("Allow", "oss:*", "acs:oss:*:*:" + bucket + "/browser/*", "")
            + ","
            + IamFixture.statement("Allow", "oss:*", "acs:oss:*:*:" + OTHER_BUCKET + "/*", "")
            + "]}";
    AdminClient.Response p = iam.admin.call("PUT", "users/" + user + "/policies/page", policy);
    assertThat(p.status()).as(p.json()).isEqualTo(200);
    AdminClient.Response sts = iam.admin.call("POST", "users/" + user + "/sts", null);
    assertThat(sts.status()).as(sts.json()).isEqualTo(200);
    stsId = IamFixture.field(sts.json(), "AccessKeyId");
    stsSecret = IamFixture.field(sts.json(), "AccessKeySecret");
    stsToken = IamFixture.field(sts.json(), "SecurityToken");
    oss.createBucket(OTHER_BUCKET);
  }

  @AfterAll
  static void stop() {
    if (pages != null) {
      pages.stop(0);
    }
    if (oss != null) {
      oss.shutdown();
    }
    if (iam != null) {
      iam.close();
    }
  }

  private static void servePage(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String resource =
        switch (path) {
          case "/app.html", "/form.html", "/aliyun-oss-sdk.min.js" -> "/browser" + path;
          default -> null;
        };
    byte[] body;
    if (resource == null) {
      body = "uploaded".getBytes(StandardCharsets.UTF_8); // the form's redirect target
    } else {
      try (InputStream in = BrowserTest.class.getResourceAsStream(resource)) {
        body = in.readAllBytes();
      }
    }
    String type = path.endsWith(".js") ? "application/javascript" : "text/html; charset=utf-8";
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static ChromeDriver browser() {
    return Browsers.start(profile);
  }

  private static String query(Map<String, String> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) ->
            sb.append(sb.isEmpty() ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return sb.toString();
  }

  /** What the ali-oss page writes, removed so that each test starts from nothing. */
  private static void removePageObjects() {
    for (String key : List.of("browser/put.txt", "browser/log.txt", "browser/big.bin")) {
      oss.deleteObject(bucket, key);
    }
  }

  /** Opens the ali-oss page for {@code target} and waits for its report. */
  private static String runApp(ChromeDriver driver, String target) {
    return runApp(driver, target, endpoint, false);
  }

  /** As above; with {@code cname}, {@code endpointUrl} is the bucket's own domain. */
  private static String runApp(
      ChromeDriver driver, String target, String endpointUrl, boolean cname) {
    driver.get(
        pageOrigin
            + "/app.html"
            + query(
                Map.of(
                    "endpoint", endpointUrl,
                    "bucket", target,
                    "ak", stsId,
                    "sk", stsSecret,
                    "token", stsToken,
                    "cname", cname ? "1" : "0")));
    return new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d -> {
              String text = d.findElement(By.id("status")).getText();
              return text.startsWith("running") ? null : text;
            });
  }

  @Test
  void aliOssInTheBrowserPutsAppendsUploadsInPartsAndDownloads() throws Exception {
    removePageObjects();
    ChromeDriver driver = browser();
    try {
      String status = runApp(driver, bucket);
      assertThat(status).startsWith("done ");
      assertThat(status)
          .contains("\"putStatus\":200")
          .contains("\"appendPositions\":[\"9\",\"18\"]")
          .contains("\"multipartStatus\":200")
          .contains("\"download\":\"hello from chromium\"")
          .contains("\"appendType\":\"Appendable\"");
      assertThat(Browsers.consoleErrors(driver)).isEmpty();
    } finally {
      driver.quit();
    }
    assertThat(text("browser/put.txt")).isEqualTo("hello from chromium");
    assertThat(text("browser/log.txt")).isEqualTo("line one\nline two\n");
    byte[] big = read("browser/big.bin");
    assertThat(big).hasSize(250 * 1024);
    for (int i = 0; i < big.length; i++) {
      if (big[i] != (byte) ((i * 31 + 7) & 0xff)) {
        throw new AssertionError("byte " + i + " of the multipart object differs");
      }
    }
    assertThat(oss.getObjectMetadata(bucket, "browser/big.bin").getObjectType())
        .isEqualTo("Multipart");
  }

  @Test
  void aliOssWithCnameAddressesTheBucketByItsDomain() throws Exception {
    removePageObjects(); // the page appends from position 0
    String domain = "files-" + bucket + ".example.test";
    oss.addBucketCname(new AddBucketCnameRequest(bucket).withDomain(domain));
    // The made-up domain resolves to the loopback server inside this browser only.
    ChromeDriver driver =
        Browsers.start(profile, List.of("--host-resolver-rules=MAP *.example.test 127.0.0.1"));
    try {
      String status = runApp(driver, bucket, "http://" + domain + ":" + iam.server.port(), true);
      assertThat(status).startsWith("done ");
      assertThat(status)
          .contains("\"putStatus\":200")
          .contains("\"appendPositions\":[\"9\",\"18\"]")
          .contains("\"multipartStatus\":200")
          .contains("\"download\":\"hello from chromium\"");
      assertThat(Browsers.consoleErrors(driver)).isEmpty();
    } finally {
      driver.quit();
      oss.deleteBucketCname(bucket, domain);
    }
    // What the page wrote through the domain is in the bound bucket.
    assertThat(text("browser/put.txt")).isEqualTo("hello from chromium");
    assertThat(text("browser/log.txt")).isEqualTo("line one\nline two\n");
  }

  @Test
  void withoutACorsRuleTheBrowserKeepsThePageOut() throws Exception {
    ChromeDriver driver = browser();
    try {
      String status = runApp(driver, OTHER_BUCKET);
      assertThat(status).startsWith("failed ");
      assertThat(Browsers.consoleErrors(driver))
          .anySatisfy(e -> assertThat(e).contains("CORS policy"));
    } finally {
      driver.quit();
    }
    assertThat(oss.doesObjectExist(OTHER_BUCKET, "browser/put.txt"))
        .as("the preflight was refused, so the PUT was never sent")
        .isFalse();
  }

  @Test
  void aPlainHtmlFormPostsAFile() throws Exception {
    PolicyConditions conditions = new PolicyConditions();
    conditions.addConditionItem(MatchMode.StartWith, PolicyConditions.COND_KEY, "forms/");
    conditions.addConditionItem(PolicyConditions.COND_CONTENT_LENGTH_RANGE, 1, 1 << 20);
    String json =
        oss.generatePostPolicy(new Date(System.currentTimeMillis() + 600_000), conditions);
    String policy = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    Path file = profile.resolve("report.txt");
    Files.writeString(file, "posted by a form");
    ChromeDriver driver = browser();
    try {
      driver.get(
          pageOrigin
              + "/form.html"
              + query(
                  Map.of(
                      "action",
                      "http://" + bucket + ".localhost:" + iam.server.port() + "/",
                      "key",
                      "forms/${filename}",
                      "policy",
                      policy,
                      "OSSAccessKeyId",
                      AK,
                      "Signature",
                      oss.calculatePostSignature(json),
                      "success_action_redirect",
                      pageOrigin + "/uploaded")));
      driver.findElement(By.id("file")).sendKeys(file.toString());
      driver.findElement(By.id("send")).click();
      String landed =
          new WebDriverWait(driver, Duration.ofSeconds(30))
              .until(
                  d ->
                      d.getCurrentUrl().startsWith(pageOrigin + "/uploaded")
                          ? d.getCurrentUrl()
                          : null);
      String etag = oss.getObjectMetadata(bucket, "forms/report.txt").getETag();
      assertThat(landed)
          .contains("bucket=" + bucket)
          .contains("key=forms%2Freport.txt")
          .contains("etag=%22" + etag + "%22");
      assertThat(Browsers.consoleErrors(driver)).isEmpty();
    } finally {
      driver.quit();
    }
    assertThat(text("forms/report.txt")).isEqualTo("posted by a form");
    assertThat(oss.getObjectMetadata(bucket, "forms/report.txt").getUserMetadata())
        .containsEntry("source", "html-form");
  }

  private static String text(String key) throws IOException {
    return new String(read(key), StandardCharsets.UTF_8);
  }

  private static byte[] read(String key) throws IOException {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }
}
