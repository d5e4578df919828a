package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SealAppendObjectRequest;
import com.aliyun.oss.model.TagSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser, used as a person would: headless Chromium signs in with the
 * keyboard, creates a bucket, uploads a small file and a multipart one, edits tags, watches an
 * object grow while this test appends to it through the SDK, deletes, refuses a user without
 * permission and renders at phone width without horizontal scrolling. Every step is checked through
 * the official SDK too; a screenshot of each page is kept in {@code target/browser-screenshots},
 * and any error in the browser's console fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final String AK = "LTAIconsoleRootKey000";
  private static final String SK = "consoleRootSecret0123456789abcd";

  private IamFixture iam;
  private OSS root;
  private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);
  private Path profiles;
  private ChromeDriver driver;
  private String console;
  private final String bucket = Buckets.unique("console");
  @TempDir Path files;

  @BeforeAll
  void start() throws IOException {
    iam = IamFixture.start(AK, SK);
    root = Clients.sdk(iam.server.endpoint(), "V1", AK, SK);
    console = iam.server.adminEndpoint() + "/console/";
    profiles = Files.createTempDirectory("osprey-console-chromium-");
    driver = Browsers.start(profiles);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    resize(1280, 900);
  }

  @AfterAll
  void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (root != null) {
        root.shutdown();
      }
      if (iam != null) {
        iam.close();
      }
      deleteTree(profiles);
    }
  }

  @Test
  @Order(10)
  void signsInWithTheKeyboard() throws IOException {
    driver.get(console);
    WebElement id = until(d -> d.findElement(By.id("access-key-id")));
    screenshot("01-sign-in");
    id.click();
    id.sendKeys(AK, Keys.TAB);
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("access-key-secret");
    driver.switchTo().activeElement().sendKeys(SK, Keys.ENTER);
    until(d -> d.findElement(By.id("buckets")));
    assertThat(text("status")).contains("Signed in as " + AK);
    assertThat(text("who")).isEqualTo(AK);
    // The secret lives in this tab's sessionStorage only: never in a cookie or in localStorage.
    assertThat(js("return document.cookie + '|' + localStorage.length")).isEqualTo("|0");
    noConsoleErrors();
  }

  /**
   * The page's own HMAC-SHA1 (it cannot rely on WebCrypto over plain HTTP) agrees with the JDK's
   * for messages around every SHA-1 padding boundary and for keys longer than a block.
   */
  @Test
  @Order(20)
  void signsAsTheJdkDoes() throws Exception {
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000}) {
      for (int keyLength : new int[] {1, 30, 64, 65, 200}) {
        String message = ascii(random, length);
        String key = ascii(random, keyLength);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected =
            Base64.getEncoder()
                .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        Object actual =
            ((JavascriptExecutor) driver)
                .executeScript(
                    "const e = new TextEncoder();"
                        + " return OspreySign.base64(OspreySign.hmacSha1(e.encode(arguments[0]),"
                        + " e.encode(arguments[1])));",
                    key,
                    message);
        assertThat(actual).as("key %d, message %d bytes", keyLength, length).isEqualTo(expected);
      }
    }
  }

  private static String ascii(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) (' ' + random.nextInt(95)));
    }
    return sb.toString();
  }

  @Test
  @Order(30)
  void createsABucket() throws IOException {
    type("new-bucket", bucket);
    driver.findElement(By.cssSelector("#create-bucket button[type=submit]")).click();
    until(d -> d.findElements(By.linkText(bucket)).size() == 1);
    assertThat(root.doesBucketExist(bucket)).isTrue();
    screenshot("02-buckets");
    noConsoleErrors();
  }

  @Test
  @Order(35)
  void editsBucketSettings() throws IOException {
    // A bucket of its own: once versioning is on, deleted objects leave versions behind.
    String settings = Buckets.unique("console-settings");
    root.createBucket(settings);
    driver.get(console + "#/b/" + settings + "/");
    WebElement acl = until(d -> d.findElement(By.id("bucket-acl")));
    until(d -> settingsLoaded());
    assertThat(driver.findElement(By.id("bucket-versioning")).getDomProperty("value"))
        .isEqualTo("Off");
    new Select(acl).selectByValue("public-read");
    driver.findElement(By.xpath("//button[text()='Save ACL']")).click();
    until(d -> text("status").equals("Save ACL: done"));
    assertThat(root.getBucketAcl(settings).getCannedACL())
        .isEqualTo(CannedAccessControlList.PublicRead);

    new Select(driver.findElement(By.id("bucket-versioning"))).selectByValue("Enabled");
    driver.findElement(By.xpath("//button[text()='Save versioning']")).click();
    until(d -> text("status").equals("Save versioning: done"));
    assertThat(root.getBucketVersioning(settings).getStatus()).isEqualTo("Enabled");
    new Select(driver.findElement(By.id("bucket-versioning"))).selectByValue("Suspended");
    driver.findElement(By.xpath("//button[text()='Save versioning']")).click();
    // The status still reads "done" from the first save: wait for the server to see the second.
    until(d -> "Suspended".equals(root.getBucketVersioning(settings).getStatus()));
    until(d -> text("status").equals("Save versioning: done"));
    assertThat(root.getBucketVersioning(settings).getStatus()).isEqualTo("Suspended");

    WebElement lifecycle = driver.findElement(By.id("bucket-lifecycle"));
    lifecycle.clear();
    lifecycle.sendKeys(
        "<LifecycleConfiguration><Rule><ID>expire-logs</ID><Prefix>logs/</Prefix>"
            + "<Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>"
            + "</LifecycleConfiguration>");
    driver.findElement(By.xpath("//button[text()='Save lifecycle']")).click();
    until(d -> text("status").equals("Save lifecycle: done"));
    List<LifecycleRule> rules = root.getBucketLifecycle(settings);
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).getId()).isEqualTo("expire-logs");
    assertThat(rules.get(0).getExpirationDays()).isEqualTo(30);

    String policy =
        BucketPolicyTest.policy(
            "Allow", "*", "oss:GetObject", "acs:oss:*:*:" + settings + "/public/*");
    WebElement policyBox = driver.findElement(By.id("bucket-policy"));
    policyBox.clear();
    policyBox.sendKeys(policy);
    driver.findElement(By.xpath("//button[text()='Save policy']")).click();
    until(d -> text("status").equals("Save policy: done"));
    assertThat(root.getBucketPolicy(settings).getPolicyText()).isEqualTo(policy);
    policyBox.clear();
    policyBox.sendKeys("{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Sometimes\"}]}");
    driver.findElement(By.xpath("//button[text()='Save policy']")).click();
    until(
        d -> text("status").startsWith("MalformedPolicy") || text("status").startsWith("Invalid"));
    assertThat(root.getBucketPolicy(settings).getPolicyText()).as("unchanged").isEqualTo(policy);

    // Reloaded, the page shows what the server now holds.
    driver.navigate().refresh();
    until(d -> settingsLoaded());
    until(
        d ->
            d.findElement(By.id("bucket-lifecycle"))
                .getDomProperty("value")
                .contains("expire-logs"));
    assertThat(driver.findElement(By.id("bucket-acl")).getDomProperty("value"))
        .isEqualTo("public-read");
    assertThat(driver.findElement(By.id("bucket-versioning")).getDomProperty("value"))
        .isEqualTo("Suspended");
    assertThat(driver.findElement(By.id("bucket-policy")).getDomProperty("value"))
        .isEqualTo(policy);
    driver.findElement(By.xpath("//button[text()='Delete policy']")).click();
    until(d -> text("status").equals("Delete policy: done"));
    OssErrors.expect("NoSuchBucketPolicy", () -> root.getBucketPolicy(settings));
    driver.findElement(By.xpath("//button[text()='Delete lifecycle']")).click();
    until(d -> text("status").equals("Delete lifecycle: done"));
    new Select(driver.findElement(By.id("bucket-acl"))).selectByValue("private");
    driver.findElement(By.xpath("//button[text()='Save ACL']")).click();
    until(d -> text("status").equals("Save ACL: done"));
    assertThat(root.getBucketAcl(settings).getCannedACL())
        .isEqualTo(CannedAccessControlList.Private);
    screenshot("03-bucket-settings");
    root.deleteBucket(settings);
    noConsoleErrors();
  }

  @Test
  @Order(40)
  void uploadsAFileAndShowsItsHeadersAndTags() throws Exception {
    driver.findElement(By.linkText("Buckets")).click();
    until(d -> d.findElement(By.linkText(bucket))).click();
    until(d -> d.findElement(By.id("objects")));
    Path file = files.resolve("hello.txt");
    Files.writeString(file, "hello from the browser\n");
    driver.findElement(By.id("upload-file")).sendKeys(file.toString());
    type("upload-key", "docs/hello.txt");
    driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
    until(d -> d.findElements(By.linkText("docs/")).size() == 1);
    assertThat(
            new String(
                root.getObject(bucket, "docs/hello.txt").getObjectContent().readAllBytes(),
                StandardCharsets.UTF_8))
        .isEqualTo("hello from the browser\n");
    assertThat(text("status")).contains("Uploaded docs/hello.txt");
    assertThat(driver.findElement(By.id("upload-progress")).getDomProperty("value"))
        .isEqualTo("100");

    driver.findElement(By.linkText("docs/")).click();
    until(d -> d.findElements(By.linkText("hello.txt")).size() == 1);
    screenshot("03-objects");
    driver.findElement(By.linkText("hello.txt")).click();
    until(d -> d.findElement(By.cssSelector("tr[data-header='x-oss-hash-crc64ecma']")));
    ObjectMetadata meta = root.getObjectMetadata(bucket, "docs/hello.txt");
    assertThat(header("x-oss-hash-crc64ecma")).isEqualTo(meta.getServerCRC().toString());
    assertThat(header("x-oss-object-type")).isEqualTo("Normal");
    assertThat(header("content-type")).isEqualTo("text/plain");
    assertThat(header("content-length")).isEqualTo("23");

    WebElement tags =
        until(
            d -> {
              WebElement t = d.findElement(By.id("object-tags"));
              return "false".equals(t.getDomAttribute("aria-busy")) ? t : null;
            });
    tags.clear();
    tags.sendKeys("team=osprey\nstage=test");
    driver.findElement(By.id("save-tags")).click();
    until(d -> text("status").equals("Tags saved"));
    // The Download link is a presigned URL: anyone holding it (here a plain HTTP client) reads the
    // object until it expires.
    String href = driver.findElement(By.id("download")).getDomProperty("href");
    HttpResponse<String> downloaded =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.body()).isEqualTo("hello from the browser\n");
    TagSet set = root.getObjectTagging(bucket, "docs/hello.txt");
    assertThat(set.getAllTags()).containsEntry("team", "osprey").containsEntry("stage", "test");
    screenshot("04-object");
    noConsoleErrors();
  }

  @Test
  @Order(50)
  void uploadsALargeFileInParts() throws IOException {
    driver.get(console + "#/b/" + bucket + "/");
    until(d -> d.findElement(By.id("upload-file")));
    Path big = files.resolve("big.bin");
    byte[] data = new byte[17 * 1024 * 1024];
    new Random(11).nextBytes(data);
    Files.write(big, data);
    driver.findElement(By.id("upload-file")).sendKeys(big.toString());
    driver.findElement(By.cssSelector("#upload button[type=submit]")).click();
    until(d -> d.findElements(By.linkText("big.bin")).size() == 1);
    ObjectMetadata meta = root.getObjectMetadata(bucket, "big.bin");
    assertThat(meta.getContentLength()).isEqualTo(data.length);
    assertThat(meta.getETag()).as("a multipart ETag").endsWith("-3");
    assertThat(root.getObject(bucket, "big.bin").getObjectContent().readAllBytes()).isEqualTo(data);
    noConsoleErrors();
  }

  @Test
  @Order(60)
  void watchesAnObjectGrow() throws IOException {
    long next = Appends.append(root, bucket, "logs/app.log", 0, "line 1\n").getNextPosition();
    driver.get(console + "#/o/" + bucket + "/logs%2Fapp.log");
    until(d -> d.findElement(By.cssSelector("tr[data-header='x-oss-next-append-position']")));
    assertThat(header("x-oss-next-append-position")).isEqualTo("7");
    assertThat(header("x-oss-object-type")).isEqualTo("Appendable");
    driver.findElement(By.id("watch")).click();
    until(d -> text("live-state").equals("live"));
    assertThat(js("return document.getElementById('live-lines').textContent"))
        .isEqualTo("line 1\n");
    for (int i = 2; i <= 4; i++) {
      next =
          Appends.append(root, bucket, "logs/app.log", next, "line " + i + "\n").getNextPosition();
      long size = next;
      until(d -> text("live-size").endsWith("(" + size + ")"));
    }
    assertThat(js("return document.getElementById('live-lines').textContent"))
        .isEqualTo("line 1\nline 2\nline 3\nline 4\n");
    assertThat(text("live-received")).isEqualTo("21");
    screenshot("05-live");
    root.sealAppendObject(new SealAppendObjectRequest(bucket, "logs/app.log").withPosition(next));
    until(d -> text("live-state").startsWith("ended"));
    driver.findElement(By.partialLinkText("logs/app.log")).click();
    until(d -> d.findElement(By.cssSelector("tr[data-header='x-oss-sealed-time']")));
    assertThat(header("x-oss-sealed-time")).endsWith("GMT");
    noConsoleErrors();
  }

  @Test
  @Order(70)
  void showsMetricsCharts() throws IOException {
    driver.findElement(By.linkText("Metrics")).click();
    until(d -> d.findElements(By.cssSelector(".chart-value")).size() == 5);
    until(d -> chartValue(0).endsWith("/s"));
    // Requests made now (through the SDK, on the OSS port) show up in the next scrapes.
    for (int i = 0; i < 40; i++) {
      root.getObjectMetadata(bucket, "big.bin");
    }
    // Each chart's "(max ...)" stays while the point is in view, whatever later scrapes show.
    until(d -> !chartMax(0).startsWith("(max 0 ") && !chartMax(1).startsWith("(max 0 "));
    assertThat(chartMax(0)).endsWith("/s)");
    assertThat(chartMax(1)).endsWith("ms)");
    assertThat(chartValue(3)).as("stored bytes").contains("MiB");
    assertThat(driver.findElements(By.cssSelector(".chart-line")).get(0).getAttribute("points"))
        .isNotEmpty();
    screenshot("06-metrics");
    noConsoleErrors();
  }

  @Test
  @Order(80)
  void deletesAnObjectAndItsBucket() throws IOException {
    driver.get(console + "#/o/" + bucket + "/docs%2Fhello.txt");
    WebElement delete = until(d -> d.findElement(By.cssSelector("main .inline button.danger")));
    delete.click();
    assertThat(delete.getText()).isEqualTo("Confirm delete");
    delete.click();
    until(d -> text("status").equals("Deleted docs/hello.txt"));
    assertThat(root.doesObjectExist(bucket, "docs/hello.txt")).isFalse();
    root.deleteObject(bucket, "big.bin");
    root.deleteObject(bucket, "logs/app.log");

    driver.findElement(By.linkText("Buckets")).click();
    WebElement row = until(d -> d.findElement(By.xpath("//tr[td/a[text()='" + bucket + "']]")));
    WebElement del = row.findElement(By.tagName("button"));
    del.click();
    del.click();
    until(d -> text("status").equals("Deleted bucket " + bucket));
    assertThat(root.doesBucketExist(bucket)).isFalse();
    noConsoleErrors();
  }

  @Test
  @Order(90)
  void refusesAUserWithoutPermission() throws IOException {
    root.createBucket(bucket);
    driver.findElement(By.linkText("Users")).click();
    until(d -> d.findElement(By.id("users")));
    type("new-user", "viewer");
    driver.findElement(By.cssSelector("#create-user button[type=submit]")).click();
    until(d -> d.findElements(By.linkText("viewer")).size() == 1);
    driver.findElement(By.linkText("viewer")).click();
    until(d -> d.findElement(By.id("create-key"))).click();
    String secretLine = until(d -> text("new-secret").isEmpty() ? null : text("new-secret"));
    String[] words = secretLine.split(" ");
    String keyId = words[2];
    String secret = words[4];
    screenshot("07-user");

    driver.findElement(By.id("sign-out")).click();
    until(d -> d.findElement(By.id("access-key-id")));
    type("access-key-id", keyId);
    type("access-key-secret", secret + Keys.ENTER);
    until(d -> d.findElement(By.cssSelector("#buckets td.error")));
    assertThat(text("status")).startsWith("AccessDenied");
    driver.get(console + "#/b/" + bucket + "/");
    until(d -> d.findElement(By.cssSelector("#objects td.error")));
    assertThat(text("status")).startsWith("AccessDenied");
    driver.findElement(By.linkText("Users")).click();
    until(d -> d.findElement(By.cssSelector("#users td.error")));
    // The admin API knows only the root key.
    assertThat(text("status")).startsWith("InvalidAccessKeyId");
    screenshot("08-denied");

    driver.findElement(By.id("sign-out")).click();
    type("access-key-id", keyId);
    type("access-key-secret", "not-the-secret" + Keys.ENTER);
    until(d -> text("status").startsWith("SignatureDoesNotMatch"));
    assertThat(driver.findElements(By.id("access-key-id"))).hasSize(1);

    // The root key attaches a policy in the Users page: now the same key may list and read the
    // bucket, and still nothing else.
    root.putObject(bucket, "seen.txt", Payloads.stream("seen"));
    signIn();
    until(d -> d.findElement(By.id("buckets")));
    driver.get(console + "#/u/viewer");
    type("policy-name", "read-" + bucket);
    WebElement document = until(d -> d.findElement(By.id("policy-document")));
    document.clear();
    document.sendKeys(
        "{\"Version\":\"1\",\"Statement\":["
            + IamFixture.statement("Allow", "oss:ListObjects", "acs:oss:*:*:" + bucket, "")
            + ","
            + IamFixture.statement("Allow", "oss:GetObject", "acs:oss:*:*:" + bucket + "/*", "")
            + "]}");
    driver.findElement(By.cssSelector("#put-policy button[type=submit]")).click();
    until(
        d ->
            d.findElements(By.xpath("//ul[@id='policies']//button[text()='read-" + bucket + "']"))
                    .size()
                == 1);
    driver.findElement(By.id("sign-out")).click();
    type("access-key-id", keyId);
    type("access-key-secret", secret + Keys.ENTER);
    until(d -> d.findElement(By.id("buckets")));
    driver.get(console + "#/b/" + bucket + "/");
    WebElement row = until(d -> d.findElement(By.xpath("//tr[td/a[text()='seen.txt']]")));
    WebElement delete = row.findElement(By.tagName("button"));
    delete.click();
    delete.click();
    until(d -> text("status").startsWith("AccessDenied"));
    assertThat(root.doesObjectExist(bucket, "seen.txt")).isTrue();
    driver.findElement(By.id("sign-out")).click();
    until(d -> d.findElement(By.id("access-key-id")));
    noConsoleErrors();
  }

  @Test
  @Order(100)
  void readsWellAtPhoneWidth() throws IOException {
    driver.get(console);
    until(d -> d.findElement(By.cssSelector("main h1")));
    if (!driver.findElement(By.id("nav")).isDisplayed()) {
      signIn();
    }
    until(d -> d.findElement(By.id("buckets")));
    driver.findElement(By.id("sign-out")).click();
    type("access-key-id", AK);
    type("access-key-secret", SK + Keys.ENTER);
    until(d -> d.findElement(By.id("buckets")));
    root.putObject(
        bucket, "a/rather/long/folder/name/with-a-long-object-name.txt", Payloads.stream("x"));
    resize(390, 844);
    String folder = "a%2Frather%2Flong%2Ffolder%2Fname%2F";
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("#/buckets", "#buckets tbody tr");
    pages.put("#/b/" + bucket + "/" + folder, "#objects tbody tr");
    pages.put("#/o/" + bucket + "/" + folder + "with-a-long-object-name.txt", "tr[data-header]");
    pages.put("#/metrics", ".chart svg");
    pages.put("#/users", "#users tbody tr");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      driver.get(console + page.getKey());
      until(d -> d.findElement(By.cssSelector(page.getValue())));
      long scroll = (Long) js("return document.documentElement.scrollWidth");
      long inner = (Long) js("return window.innerWidth");
      assertThat(inner).as("the window is phone-sized").isLessThanOrEqualTo(400);
      assertThat(scroll).as("scroll width at " + page.getKey()).isLessThanOrEqualTo(inner);
      screenshot("09-phone-" + page.getKey().split("/")[1]);
    }
    noConsoleErrors();
  }

  private void signIn() {
    type("access-key-id", AK);
    type("access-key-secret", SK + Keys.ENTER);
  }

  /** Waits (polling, up to 15 s) until {@code condition} is neither null nor false. */
  private <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).until(condition);
  }

  private void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves a PNG of the page as {@code target/browser-screenshots/console-<name>.png}. */
  private void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(
        SCREENSHOTS.resolve("console-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean settingsLoaded() {
    List<WebElement> box = driver.findElements(By.id("bucket-settings"));
    return !box.isEmpty() && "false".equals(box.get(0).getDomAttribute("aria-busy"));
  }

  private String chartMax(int index) {
    List<WebElement> values = driver.findElements(By.cssSelector(".chart-axis"));
    return values.size() > index ? values.get(index).getText() : "";
  }

  private String chartValue(int index) {
    List<WebElement> values = driver.findElements(By.cssSelector(".chart-value"));
    return values.size() > index ? values.get(index).getText() : "";
  }

  private String text(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  private String header(String name) {
    return driver.findElement(By.cssSelector("tr[data-header='" + name + "'] td")).getText();
  }

  private void type(String id, CharSequence text) {
    WebElement e = until(d -> d.findElement(By.id(id)));
    e.clear();
    e.sendKeys(text);
  }

  private Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  /**
   * No script error, CSP violation or console error. Responses the page handles itself (a 404 for a
   * bucket without lifecycle, a 403 for a user without permission) are logged by Chromium as
   * "Failed to load resource"; those are the only errors allowed.
   */
  private void noConsoleErrors() {
    List<String> errors =
        Browsers.consoleErrors(driver).stream()
            .filter(m -> !m.contains("Failed to load resource"))
            .toList();
    assertThat(errors).isEmpty();
  }
}
