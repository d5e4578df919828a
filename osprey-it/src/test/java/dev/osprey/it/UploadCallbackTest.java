package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.Callback;
import com.aliyun.oss.model.Callback.CalbackBodyType;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.MatchMode;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PolicyConditions;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.sun.net.httpserver.HttpServer;
import dev.osprey.server.OspreyServer;
import dev.osprey.server.callback.CallbackHostPolicy;
import dev.osprey.storage.SyncMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upload callbacks (issue 12, item 6; docs/callbacks.md) through the SDK's Callback support, with
 * the application played by a loopback HTTP server in this test.
 */
class UploadCallbackTest {
  private static final String AK = "LTAIuploadCallback00";
  private static final String SK = "uploadCallbackSecret0123456789ab";
  private static final String BUCKET = "callbacks";

  /** What the application received. */
  record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null ? null : v.getFirst();
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer app;
  private OspreyServer server;
  private OSS oss;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          String path = exchange.getRequestURI().getPath();
          int status = path.startsWith("/fail") ? 500 : 200;
          byte[] answer =
              (path.startsWith("/text")
                      ? "thanks"
                      : "{\"Status\":\"OK\",\"path\":\"" + path + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    app.start();
    // the application listens on loopback, which a server allows only when told
    server = server(CallbackHostPolicy.parse("127.0.0.1"));
    oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
    oss.createBucket(BUCKET);
  }

  /** A server whose callbacks may reach {@code hosts}; null: as a server is by default. */
  private static OspreyServer server(CallbackHostPolicy hosts) throws IOException {
    OspreyServer.Builder b =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(AK, SK)
            .sync(SyncMode.NEVER)
            .adminAddress("127.0.0.1", 0);
    if (hosts != null) {
      b.callbackHosts(hosts);
    }
    return b.build().start();
  }

  @AfterEach
  void stop() {
    oss.shutdown();
    server.close();
    app.stop(0);
  }

  private String appUrl(String path) {
    return "http://127.0.0.1:" + app.getAddress().getPort() + path;
  }

  private static String text(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private PutObjectResult putWith(String key, String content, Callback callback) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("text/plain");
    PutObjectRequest put = new PutObjectRequest(BUCKET, key, Payloads.stream(content), meta);
    put.setCallback(callback);
    return oss.putObject(put);
  }

  @Test
  void aPutWithAJsonCallbackPostsSignedFactsAndReturnsTheApplicationsAnswer() throws Exception {
    Callback cb = new Callback();
    cb.setCallbackUrl(appUrl("/uploaded?from=osprey"));
    cb.setCallbackHost("app.example");
    cb.setCallbackBody(
        "{\\\"bucket\\\":${bucket},\\\"object\\\":${object},\\\"size\\\":${size},"
            + "\\\"etag\\\":${etag},\\\"mimeType\\\":${mimeType},\\\"user\\\":${x:user},"
            + "\\\"width\\\":${imageInfo.width}}");
    cb.setCalbackBodyType(CalbackBodyType.JSON);
    // The SDK puts values into the x-oss-callback-var JSON as they are: a quote must come escaped.
    cb.addCallbackVar("x:user", "ada \\\"l\\\"");

    PutObjectResult result = putWith("dir/report.txt", "hello", cb);

    assertThat(text(result.getResponse().getContent()))
        .isEqualTo("{\"Status\":\"OK\",\"path\":\"/uploaded\"}");
    assertThat(received).hasSize(1);
    Received r = received.getFirst();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.uri().getRawQuery()).isEqualTo("from=osprey");
    assertThat(r.header("Host")).isEqualTo("app.example");
    assertThat(r.header("Content-type")).isEqualTo("application/json");
    String etag = oss.getObjectMetadata(BUCKET, "dir/report.txt").getETag();
    assertThat(r.text())
        .isEqualTo(
            "{\"bucket\":\"callbacks\",\"object\":\"dir/report.txt\",\"size\":5,\"etag\":\""
                + etag
                + "\",\"mimeType\":\"text/plain\",\"user\":\"ada \\\"l\\\"\",\"width\":\"\"}");
    assertSignedByTheServer(r);
  }

  /** Authorization is OSS's RSA signature, checked with the key x-oss-pub-key-url serves. */
  private void assertSignedByTheServer(Received r) throws Exception {
    String keyUrl =
        new String(
            Base64.getDecoder().decode(r.header("X-oss-pub-key-url")), StandardCharsets.UTF_8);
    assertThat(keyUrl).startsWith(server.adminEndpoint());
    String pem;
    try (HttpClient http = HttpClient.newHttpClient()) {
      pem =
          http.send(
                  HttpRequest.newBuilder(URI.create(keyUrl)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    }
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    Signature verify = Signature.getInstance("MD5withRSA");
    verify.initVerify(key);
    String path = URLDecoder.decode(r.uri().getRawPath(), StandardCharsets.UTF_8);
    String query = r.uri().getRawQuery() == null ? "" : "?" + r.uri().getRawQuery();
    verify.update((path + query + "\n").getBytes(StandardCharsets.UTF_8));
    verify.update(r.body());
    assertThat(verify.verify(Base64.getDecoder().decode(r.header("Authorization"))))
        .as("callback signature")
        .isTrue();
  }

  @Test
  void aFormCallbackEncodesItsValuesAndAMultipartCompletionCallsBackToo() throws Exception {
    Callback cb = new Callback();
    cb.setCallbackUrl(appUrl("/form"));
    cb.setCallbackBody("object=${object}&size=${size}&tag=${x:tag}&missing=${x:none}");
    cb.addCallbackVar("x:tag", "a&b=c");
    putWith("a b/ü.txt", "xyz", cb);
    assertThat(received.getFirst().header("Content-type"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(received.getFirst().text())
        .isEqualTo("object=a+b%2F%C3%BC.txt&size=3&tag=a%26b%3Dc&missing=");

    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "multi"))
            .getUploadId();
    PartETag part =
        oss.uploadPart(
                new UploadPartRequest(BUCKET, "multi", uploadId, 1, Payloads.stream("part"), 4))
            .getPartETag();
    CompleteMultipartUploadRequest complete =
        new CompleteMultipartUploadRequest(
            BUCKET, "multi", uploadId, new ArrayList<>(List.of(part)));
    Callback mcb = new Callback();
    mcb.setCallbackUrl(appUrl("/multi"));
    mcb.setCallbackBody("object=${object}&etag=${etag}&size=${size}");
    complete.setCallback(mcb);
    CompleteMultipartUploadResult done = oss.completeMultipartUpload(complete);
    assertThat(text(done.getResponse().getContent())).contains("\"path\":\"/multi\"");
    String etag = oss.getObjectMetadata(BUCKET, "multi").getETag();
    assertThat(received.get(1).text()).isEqualTo("object=multi&etag=" + etag + "&size=4");
  }

  @Test
  void aFormUploadWithACallbackAnswersWithTheApplicationsAnswer() throws Exception {
    String spec =
        "{\"callbackUrl\":\""
            + appUrl("/posted")
            + "\",\"callbackBody\":\"object=${object}&size=${size}&who=${x:who}\"}";
    PolicyConditions conditions = new PolicyConditions();
    conditions.addConditionItem(MatchMode.StartWith, PolicyConditions.COND_KEY, "forms/");
    String policyJson =
        oss.generatePostPolicy(
            new java.util.Date(System.currentTimeMillis() + 300_000), conditions);
    FormUpload form =
        new FormUpload()
            .field("key", "forms/${filename}")
            .field("OSSAccessKeyId", AK)
            .field(
                "policy",
                Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8)))
            .field("Signature", oss.calculatePostSignature(policyJson))
            .field(
                "callback",
                Base64.getEncoder().encodeToString(spec.getBytes(StandardCharsets.UTF_8)))
            .field("x:who", "ada & co")
            .field("success_action_status", "201")
            .file("note.txt", "text/plain", "form!".getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> r = Http.send(form.request(server.endpoint(), BUCKET));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"Status\":\"OK\",\"path\":\"/posted\"}");
    String etag = oss.getObjectMetadata(BUCKET, "forms/note.txt").getETag();
    assertThat(r.headers().firstValue("ETag")).hasValue("\"" + etag + "\"");
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().text())
        .isEqualTo("object=forms%2Fnote.txt&size=5&who=ada+%26+co");
    assertSignedByTheServer(received.getFirst());

    // A callback that fails keeps the object and answers 203 CallbackFailed.
    String failing =
        "{\"callbackUrl\":\"" + appUrl("/fail") + "\",\"callbackBody\":\"object=${object}\"}";
    PolicyConditions again = new PolicyConditions();
    again.addConditionItem(MatchMode.StartWith, PolicyConditions.COND_KEY, "forms/");
    String againJson =
        oss.generatePostPolicy(new java.util.Date(System.currentTimeMillis() + 300_000), again);
    FormUpload second =
        new FormUpload()
            .field("key", "forms/kept.txt")
            .field("OSSAccessKeyId", AK)
            .field(
                "policy",
                Base64.getEncoder().encodeToString(againJson.getBytes(StandardCharsets.UTF_8)))
            .field("Signature", oss.calculatePostSignature(againJson))
            .field(
                "callback",
                Base64.getEncoder().encodeToString(failing.getBytes(StandardCharsets.UTF_8)))
            .file("kept.txt", "text/plain", "kept".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> f = Http.send(second.request(server.endpoint(), BUCKET));
    assertThat(f.statusCode()).as(f.body()).isEqualTo(203);
    assertThat(f.body()).contains("<Code>CallbackFailed</Code>");
    assertThat(oss.doesObjectExist(BUCKET, "forms/kept.txt")).isTrue();
  }

  @Test
  void aFailedCallbackIs203CallbackFailedWithTheObjectStored() throws Exception {
    Callback status500 = new Callback();
    status500.setCallbackUrl(appUrl("/fail"));
    status500.setCallbackBody("object=${object}");
    OSSException e = OssErrors.expect("CallbackFailed", () -> putWith("k500", "stored", status500));
    assertThat(e.getErrorMessage()).contains("500");
    assertThat(text(oss.getObject(BUCKET, "k500").getObjectContent())).isEqualTo("stored");

    Callback notJson = new Callback();
    notJson.setCallbackUrl(appUrl("/text"));
    notJson.setCallbackBody("object=${object}");
    OssErrors.expect(
        "CallbackFailed",
        "Response body is not valid json format.",
        () -> putWith("ktext", "stored too", notJson));
    assertThat(oss.doesObjectExist(BUCKET, "ktext")).isTrue();

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Callback unreachable = new Callback();
    unreachable.setCallbackUrl("http://127.0.0.1:" + closed + "/gone");
    unreachable.setCallbackBody("object=${object}");
    OssErrors.expect("CallbackFailed", () -> putWith("kgone", "x", unreachable));
    assertThat(oss.doesObjectExist(BUCKET, "kgone")).isTrue();

    // several URLs: the first that answers 200 with JSON wins
    Callback fallback = new Callback();
    fallback.setCallbackUrl(
        "http://127.0.0.1:" + closed + "/gone;" + appUrl("/fail") + ";" + appUrl("/second"));
    fallback.setCallbackBody("object=${object}");
    received.clear();
    PutObjectResult ok = putWith("kfallback", "x", fallback);
    assertThat(text(ok.getResponse().getContent())).contains("/second");
    assertThat(received).extracting(r -> r.uri().getPath()).containsExactly("/fail", "/second");
  }

  @Test
  void badCallbackParametersAreRefusedBeforeAnythingIsStored() {
    Callback noBody = new Callback();
    noBody.setCallbackUrl(appUrl("/x"));
    noBody.setCallbackBody("");
    Callback sixUrls = new Callback();
    sixUrls.setCallbackUrl("my1.com;my2.com;my3.com;my4.com;my5.com;my6.com;");
    sixUrls.setCallbackBody("a=b");
    Callback badPort = new Callback();
    badPort.setCallbackUrl("my.com:test");
    badPort.setCallbackBody("a=b");
    Callback ftp = new Callback();
    ftp.setCallbackUrl("ftp://127.0.0.1/x");
    ftp.setCallbackBody("a=b");
    Callback injectedHost = new Callback();
    injectedHost.setCallbackUrl(appUrl("/x"));
    injectedHost.setCallbackHost("app.example\\r\\nX-Injected: 1"); // JSON escapes of CR LF
    injectedHost.setCallbackBody("a=b");
    Callback bigVars = new Callback();
    bigVars.setCallbackUrl(appUrl("/x"));
    bigVars.setCallbackBody("a=${x:v0}");
    for (int i = 0; i < 10; i++) {
      bigVars.addCallbackVar("x:v" + i, "A".repeat(1024));
    }
    int n = 0;
    for (Callback bad : List.of(noBody, sixUrls, badPort, ftp, injectedHost, bigVars)) {
      String key = "refused-" + n++;
      OssErrors.expect("InvalidArgument", () -> putWith(key, "x", bad));
      assertThat(oss.doesObjectExist(BUCKET, key)).as(key).isFalse();
    }
    assertThat(received).isEmpty();
  }

  @Test
  void theAppendThatCreatesAnObjectCallsBackAndLaterAppendsDoNot() throws Exception {
    Callback cb = new Callback();
    cb.setCallbackUrl(appUrl("/appended"));
    cb.setCallbackBody("object=${object}&size=${size}&operation=${operation}");
    AppendObjectRequest first = new AppendObjectRequest(BUCKET, "log", Payloads.stream("abc"));
    first.setPosition(0L);
    first.setCallback(cb);
    assertThat(oss.appendObject(first).getNextPosition()).isEqualTo(3L);
    assertThat(received).hasSize(1);
    assertThat(received.getFirst().text()).isEqualTo("object=log&size=3&operation=AppendObject");
    assertSignedByTheServer(received.getFirst());

    AppendObjectRequest next = new AppendObjectRequest(BUCKET, "log", Payloads.stream("de"));
    next.setPosition(3L);
    next.setCallback(cb);
    assertThat(oss.appendObject(next).getNextPosition()).isEqualTo(5L);
    assertThat(received).hasSize(1);

    Callback failing = new Callback();
    failing.setCallbackUrl(appUrl("/fail"));
    failing.setCallbackBody("object=${object}");
    AppendObjectRequest other = new AppendObjectRequest(BUCKET, "log2", Payloads.stream("x"));
    other.setPosition(0L);
    other.setCallback(failing);
    OssErrors.expect("CallbackFailed", () -> oss.appendObject(other));
    assertThat(oss.getObjectMetadata(BUCKET, "log2").getContentLength()).isEqualTo(1L);
  }

  @Test
  void aServerAsStartedByDefaultRefusesLoopbackCallbacksButKeepsTheObject() throws Exception {
    try (OspreyServer plain = server(null)) {
      OSS client = Clients.sdk(plain.endpoint(), "V1", AK, SK);
      try {
        client.createBucket(BUCKET);
        Callback cb = new Callback();
        cb.setCallbackUrl(appUrl("/internal"));
        cb.setCallbackBody("object=${object}");
        PutObjectRequest put = new PutObjectRequest(BUCKET, "k", Payloads.stream("v"));
        put.setCallback(cb);
        OSSException e = OssErrors.expect("CallbackFailed", () -> client.putObject(put));
        assertThat(e.getErrorMessage()).contains("not allowed");
        assertThat(text(client.getObject(BUCKET, "k").getObjectContent())).isEqualTo("v");
        assertThat(received).isEmpty();
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void aServerLimitedToPublicHostsRefusesLoopbackCallbacksButKeepsTheObject() throws Exception {
    try (OspreyServer strict = server(CallbackHostPolicy.PUBLIC)) {
      OSS client = Clients.sdk(strict.endpoint(), "V1", AK, SK);
      try {
        client.createBucket(BUCKET);
        Callback cb = new Callback();
        cb.setCallbackUrl(appUrl("/internal"));
        cb.setCallbackBody("object=${object}");
        PutObjectRequest put = new PutObjectRequest(BUCKET, "k", Payloads.stream("v"));
        put.setCallback(cb);
        OSSException e = OssErrors.expect("CallbackFailed", () -> client.putObject(put));
        assertThat(e.getErrorMessage()).contains("not allowed");
        assertThat(client.doesObjectExist(BUCKET, "k")).isTrue();
        assertThat(received).isEmpty();
      } finally {
        client.shutdown();
      }
    }
  }
}
