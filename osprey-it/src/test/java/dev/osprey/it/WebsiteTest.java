package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketWebsiteResult;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.SetBucketWebsiteRequest;
import com.aliyun.oss.model.SubDirType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static website hosting through the Java SDK (Put/Get/DeleteBucketWebsite) and what anonymous
 * visitors then get: the index document for {@code /} and {@code dir/}, a redirect for {@code dir},
 * the error document with 404 for a missing key. Raw HTTP where the SDK cannot show it (a GET of
 * the bucket root, a 302, an HTML body with a 404).
 */
class WebsiteTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static OSS oss;
  private static OSS anonymous;

  @BeforeAll
  static void clients() {
    oss = Clients.shared("V1");
    anonymous = Clients.anonymous("V1");
  }

  @AfterAll
  static void close() {
    oss.shutdown();
    anonymous.shutdown();
  }

  private static String site(SubDirType type) {
    String bucket = Buckets.unique("site");
    oss.createBucket(bucket);
    oss.setBucketAcl(bucket, CannedAccessControlList.PublicRead);
    put(bucket, "index.html", "root index");
    put(bucket, "error.html", "not here");
    put(bucket, "docs/index.html", "docs index");
    put(bucket, "docs/page.html", "a page");
    SetBucketWebsiteRequest website = new SetBucketWebsiteRequest(bucket);
    website.setIndexDocument("index.html");
    website.setErrorDocument("error.html");
    website.setSupportSubDir(true);
    website.setSubDirType(type);
    oss.setBucketWebsite(website);
    return bucket;
  }

  @Test
  void theConfigurationIsStoredReadBackAndDeleted() {
    String bucket = site(SubDirType.Redirect);
    BucketWebsiteResult got = oss.getBucketWebsite(bucket);
    assertThat(got.getIndexDocument()).isEqualTo("index.html");
    assertThat(got.getErrorDocument()).isEqualTo("error.html");
    assertThat(got.isSupportSubDir()).isTrue();
    assertThat(got.getSubDirType()).isEqualTo("0");

    oss.deleteBucketWebsite(bucket);
    OssErrors.expect("NoSuchWebsiteConfiguration", () -> oss.getBucketWebsite(bucket));
    assertThat(get(bucket, "").statusCode()).as("a plain listing again").isEqualTo(200);
    assertThat(get(bucket, "").body()).contains("<ListBucketResult");
  }

  @Test
  void anonymousVisitorsGetTheIndexAndErrorDocuments() throws Exception {
    String bucket = site(SubDirType.Redirect);
    HttpResponse<String> root = get(bucket, "");
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.body()).isEqualTo("root index");

    try (OSSObject dir = anonymous.getObject(bucket, "docs/")) {
      assertThat(new String(dir.getObjectContent().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("docs index");
    }
    HttpResponse<String> noSlash = get(bucket, "docs");
    assertThat(noSlash.statusCode()).isEqualTo(302);
    assertThat(noSlash.headers().firstValue("Location")).hasValue("/docs/");

    HttpResponse<String> missing = get(bucket, "nothing/here.html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("not here");
    assertThat(get(bucket, "docs/page.html").body()).isEqualTo("a page");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NoSuchKey", "Index"})
  void theSubDirTypeDecidesWhatADirectoryWithoutItsSlashGets(String type) {
    String bucket = site(SubDirType.valueOf(type));
    HttpResponse<String> noSlash = get(bucket, "docs");
    if (type.equals("Index")) {
      assertThat(noSlash.statusCode()).isEqualTo(200);
      assertThat(noSlash.body()).isEqualTo("docs index");
    } else {
      assertThat(noSlash.statusCode()).isEqualTo(404);
      assertThat(noSlash.body()).isEqualTo("not here");
    }
  }

  @Test
  void signedRequestsAreApiCallsAndNeverRewritten() {
    String bucket = site(SubDirType.Redirect);
    OssErrors.expect("NoSuchKey", () -> oss.getObject(bucket, "nothing.html"));
    assertThat(oss.listObjects(bucket).getObjectSummaries()).hasSize(4);
  }

  @Test
  void aBadConfigurationIsRefused() {
    String bucket = site(SubDirType.Redirect);
    SetBucketWebsiteRequest bad = new SetBucketWebsiteRequest(bucket);
    bad.setIndexDocument("index.html");
    bad.setErrorDocument("error.html");
    bad.setHttpStatus("500");
    OssErrors.expect("InvalidArgument", () -> oss.setBucketWebsite(bad));
    assertThat(oss.getBucketWebsite(bucket).getHttpStatus()).as("unchanged").isNull();
  }

  private static void put(String bucket, String key, String text) {
    oss.putObject(bucket, key, Payloads.stream(text));
  }

  private static HttpResponse<String> get(String bucket, String key) {
    try {
      URI uri = URI.create(SharedServer.get().endpoint() + "/" + bucket + "/" + key);
      return HTTP.send(
          HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
