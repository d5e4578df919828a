package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AddBucketCnameRequest;
import com.aliyun.oss.model.CnameConfiguration;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.server.OspreyServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom domains through the Java SDK with {@code setSupportCname(true)}: the client sends {@code
 * Host: <domain>} and a path that is only the key. The domains here resolve nowhere, so the client
 * reaches the server as its HTTP proxy (the request line is then the absolute URL, Host the
 * domain), which is exactly what a CNAME'd DNS name pointing at the server would deliver.
 */
class CnameTest {
  private static final String AK = "LTAIcnameTestKey0000";
  private static final String SK = "cnameTestSecret0123456789abcdef";
  private static final String FIXED = "static.osprey-test.example";

  @TempDir Path data;

  private OspreyServer start() throws Exception {
    return OspreyServer.builder()
        .port(0)
        .dataDir(data)
        .rootCredentials(AK, SK)
        .cname(FIXED, "fixed-site")
        .build()
        .start();
  }

  /** A client of {@code domain} as a CNAME endpoint, reaching {@code server} as its proxy. */
  private static OSS cnameClient(OspreyServer server, String domain, String version) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSupportCname(true);
    conf.setMaxErrorRetry(0);
    conf.setProxyHost("127.0.0.1");
    conf.setProxyPort(server.port());
    String endpoint = "http://" + domain + ":" + server.port();
    DefaultCredentialProvider credentials = new DefaultCredentialProvider(AK, SK);
    if ("V4".equals(version)) {
      conf.setSignatureVersion(SignVersion.V4);
      return OSSClientBuilder.create()
          .endpoint(endpoint)
          .credentialsProvider(credentials)
          .clientConfiguration(conf)
          .region(Clients.REGION)
          .build();
    }
    return new OSSClientBuilder().build(endpoint, credentials, conf);
  }

  @ParameterizedTest
  @ValueSource(strings = {"V1", "V4"})
  void aFixedDomainAddressesItsBucketWithSignaturesOfEitherVersion(String version)
      throws Exception {
    try (OspreyServer server = start()) {
      OSS direct = Clients.sdk(server.endpoint(), "V1", AK, SK);
      direct.createBucket("fixed-site");
      OSS viaDomain = cnameClient(server, FIXED, version);
      viaDomain.putObject("fixed-site", "dir/page.txt", Payloads.stream("through the domain"));
      try (OSSObject o = direct.getObject("fixed-site", "dir/page.txt")) {
        assertThat(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("through the domain");
      }
      assertThat(viaDomain.getObjectMetadata("fixed-site", "dir/page.txt").getContentLength())
          .isEqualTo(18);
      assertThat(direct.getBucketCname("fixed-site"))
          .extracting(CnameConfiguration::getDomain)
          .containsExactly(FIXED);
      viaDomain.shutdown();
      direct.shutdown();
    }
  }

  @Test
  void putCnameBindsADomainListCnameShowsItAndDeleteCnameUnbindsIt() throws Exception {
    String domain = "www.osprey-test.example";
    try (OspreyServer server = start()) {
      OSS direct = Clients.sdk(server.endpoint(), "V4", AK, SK);
      direct.createBucket("blog");
      direct.createBucket("other");
      direct.addBucketCname(new AddBucketCnameRequest("blog").withDomain(domain));

      List<CnameConfiguration> bound = direct.getBucketCname("blog");
      assertThat(bound).extracting(CnameConfiguration::getDomain).containsExactly(domain);
      assertThat(bound.get(0).getStatus()).isEqualTo(CnameConfiguration.CnameStatus.Enabled);
      assertThat(bound.get(0).getLastMofiedTime()).isNotNull();
      OssErrors.expect(
          "CnameAlreadyExists",
          () -> direct.addBucketCname(new AddBucketCnameRequest("other").withDomain(domain)));

      OSS viaDomain = cnameClient(server, domain, "V1");
      viaDomain.putObject("blog", "post.html", Payloads.stream("<p>hi</p>"));
      assertThat(direct.doesObjectExist("blog", "post.html")).isTrue();

      direct.deleteBucketCname("blog", domain);
      assertThat(direct.getBucketCname("blog")).isEmpty();
      // Unbound, the domain's first label is taken as the bucket, as for any unknown host: the
      // request no longer reaches "blog" (it is refused as signed for another resource).
      OssErrors.expect("SignatureDoesNotMatch", () -> viaDomain.getObject("blog", "post.html"));
      viaDomain.shutdown();
      direct.shutdown();
    }
  }

  @Test
  void aDeletedBucketTakesItsDomainsWithIt() throws Exception {
    String domain = "shop.osprey-test.example";
    try (OspreyServer server = start()) {
      OSS direct = Clients.sdk(server.endpoint(), "V1", AK, SK);
      OSS viaDomain = cnameClient(server, domain, "V1");
      try {
        direct.createBucket("gone");
        direct.addBucketCname(new AddBucketCnameRequest("gone").withDomain(domain));
        viaDomain.putObject("gone", "a.txt", Payloads.stream("a"));
        direct.deleteObject("gone", "a.txt");
        direct.deleteBucket("gone");

        // A new bucket of the same name starts with no domains: the old binding does not reach it.
        direct.createBucket("gone");
        assertThat(direct.getBucketCname("gone")).isEmpty();
        OssErrors.expect(
            "SignatureDoesNotMatch",
            () -> viaDomain.putObject("gone", "b.txt", Payloads.stream("b")));
        assertThat(direct.doesObjectExist("gone", "b.txt")).isFalse();
      } finally {
        viaDomain.shutdown();
        direct.shutdown();
      }
    }
  }

  @Test
  void boundDomainsSurviveARestart() throws Exception {
    String domain = "files.osprey-test.example";
    try (OspreyServer server = start()) {
      OSS direct = Clients.sdk(server.endpoint(), "V1", AK, SK);
      direct.createBucket("files");
      direct.addBucketCname(new AddBucketCnameRequest("files").withDomain(domain));
      direct.putObject("files", "kept.txt", Payloads.stream("kept"));
      direct.shutdown();
    }
    try (OspreyServer server = start()) {
      OSS viaDomain = cnameClient(server, domain, "V4");
      try (OSSObject o = viaDomain.getObject("files", "kept.txt")) {
        assertThat(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8))
            .isEqualTo("kept");
      }
      viaDomain.shutdown();
    }
  }
}
