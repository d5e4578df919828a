package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import dev.osprey.server.OspreyServer;
import dev.osprey.server.http.ServerTls;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTPS on both listeners ({@code --tls-cert}/{@code --tls-key}): the official SDK, the CLI's
 * client commands and a JDK client connect to a server whose certificate a throwaway CA of the test
 * signed, RSA and EC keys alike; clients that do not trust the CA, and plain HTTP, get no answer; a
 * bad certificate or key stops start-up with one line.
 */
class TlsTest {
  private static final String AK = "LTAItlsTestRootKey000";
  private static final String SK = "tlsTestRootSecret0123456789abcd";

  @TempDir static Path pki;
  private static TestCa ca;
  private static TestCa.ServerCert rsa;
  private static TestCa.ServerCert ec;

  @TempDir Path tmp;

  @BeforeAll
  static void makeCertificates() throws IOException {
    ca = TestCa.create(pki);
    rsa = ca.issue("RSA");
    ec = ca.issue("EC");
  }

  private static OspreyServer start(TestCa.ServerCert cert) throws IOException {
    return OspreyServer.builder()
        .port(0)
        .tempDataDir()
        .rootCredentials(AK, SK)
        .adminAddress("127.0.0.1", 0)
        .tls(ServerTls.load(cert.chain(), cert.key()))
        .build()
        .start();
  }

  /** The official SDK over https, trusting {@code ca} (null: only the JVM's own trust store). */
  private static OSS sdk(String endpoint, String version, TestCa trusted) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    if (trusted != null) {
      conf.setX509TrustManagers(trusted.trustManagers());
    }
    if ("V4".equals(version)) {
      conf.setSignatureVersion(SignVersion.V4);
    }
    return OSSClientBuilder.create()
        .endpoint(endpoint)
        .credentialsProvider(new DefaultCredentialProvider(AK, SK))
        .clientConfiguration(conf)
        .region(Clients.REGION)
        .build();
  }

  @ParameterizedTest
  @CsvSource({"RSA, V1", "EC, V4"})
  void theSdkWorksOverHttps(String keyAlgorithm, String version) throws Exception {
    try (OspreyServer server = start(keyAlgorithm.equals("RSA") ? rsa : ec)) {
      assertThat(server.endpoint()).startsWith("https://127.0.0.1:");
      assertThat(server.adminEndpoint()).startsWith("https://127.0.0.1:");
      OSS oss = sdk(server.endpoint(), version, ca);
      try {
        String bucket = Buckets.unique("tls");
        oss.createBucket(bucket);
        oss.putObject(bucket, "plain.txt", Payloads.stream("over tls"));
        long next = Appends.append(oss, bucket, "log", 0, "first,").getNextPosition();
        Appends.append(oss, bucket, "log", next, "second");
        assertThat(read(oss, bucket, "plain.txt")).isEqualTo("over tls");
        assertThat(read(oss, bucket, "log")).isEqualTo("first,second");

        // A body large enough to be served from the blob file, whole and as a range: over TLS
        // the file's bytes go through the encryption, not as a zero-copy region.
        byte[] large = Payloads.random(5 * 1024 * 1024 + 17, 9);
        oss.putObject(bucket, "large.bin", Payloads.stream(large));
        assertThat(readBytes(oss, new GetObjectRequest(bucket, "large.bin"))).isEqualTo(large);
        GetObjectRequest ranged = new GetObjectRequest(bucket, "large.bin");
        ranged.setRange(1_000_000, 3_500_000);
        assertThat(readBytes(oss, ranged))
            .isEqualTo(Arrays.copyOfRange(large, 1_000_000, 3_500_001));

        // Multipart: two parts, completed, read back.
        String uploadId =
            oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "mp.bin"))
                .getUploadId();
        List<PartETag> parts = new ArrayList<>();
        int partSize = 1024 * 1024 + 3;
        for (int n = 1; n <= 2; n++) {
          int from = (n - 1) * partSize;
          byte[] part = Arrays.copyOfRange(large, from, Math.min(large.length, from + partSize));
          UploadPartRequest up =
              new UploadPartRequest(
                  bucket, "mp.bin", uploadId, n, Payloads.stream(part), part.length);
          parts.add(oss.uploadPart(up).getPartETag());
        }
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest(bucket, "mp.bin", uploadId, parts));
        assertThat(readBytes(oss, new GetObjectRequest(bucket, "mp.bin")))
            .isEqualTo(Arrays.copyOf(large, 2 * partSize));

        // A presigned URL, fetched by a JDK client that trusts the same CA.
        URL signed =
            oss.generatePresignedUrl(
                bucket, "large.bin", new Date(System.currentTimeMillis() + 600_000));
        assertThat(signed.getProtocol()).isEqualTo("https");
        HttpResponse<byte[]> presigned =
            HttpClient.newBuilder()
                .sslContext(ca.sslContext())
                .build()
                .send(
                    HttpRequest.newBuilder(signed.toURI()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.body()).isEqualTo(large);
      } finally {
        oss.shutdown();
      }
      HttpClient jdk = HttpClient.newBuilder().sslContext(ca.sslContext()).build();
      HttpResponse<String> health =
          jdk.send(
              HttpRequest.newBuilder(URI.create(server.adminEndpoint() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).startsWith("ok");
      assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    }
  }

  @Test
  void untrustedClientsAndPlainHttpGetNoAnswer() throws Exception {
    try (OspreyServer server = start(ec)) {
      OSS untrusting = sdk(server.endpoint(), "V1", null);
      try {
        assertThatThrownBy(untrusting::listBuckets)
            .isInstanceOfSatisfying(
                ClientException.class, e -> assertThat(e.getErrorCode()).isEqualTo("SslException"));
      } finally {
        untrusting.shutdown();
      }
      // An http:// client talking to the https port: the TLS layer refuses the bytes and closes.
      try (RawConnection plain = new RawConnection(server.port())) {
        plain.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThatThrownBy(() -> plain.read(false)).isInstanceOf(IOException.class);
      }
      // The same on the operators' listener.
      try (RawConnection plain = new RawConnection(URI.create(server.adminEndpoint()).getPort())) {
        plain.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThatThrownBy(() -> plain.read(false)).isInstanceOf(IOException.class);
      }
      OSS trusting = sdk(server.endpoint(), "V1", ca);
      try {
        assertThat(trusting.listBuckets()).isEmpty();
      } finally {
        trusting.shutdown();
      }
    }
  }

  /** Spec §6: {@code acs:SecureTransport} is true over HTTPS, so a policy can demand it. */
  @Test
  void aPolicyCanRequireSecureTransport() throws Exception {
    String policy =
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":[\"*\"],"
            + "\"Action\":[\"oss:GetObject\"],\"Resource\":[\"*\"],"
            + "\"Condition\":{\"Bool\":{\"acs:SecureTransport\":[\"true\"]}}}]}";
    try (OspreyServer server = start(rsa)) {
      OSS owner = sdk(server.endpoint(), "V1", ca);
      ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
      conf.setMaxErrorRetry(0);
      conf.setX509TrustManagers(ca.trustManagers());
      OSS anonymous = new OSSClientBuilder().build(server.endpoint(), new Anonymous(), conf);
      try {
        String bucket = Buckets.unique("tls-policy");
        owner.createBucket(bucket);
        owner.putObject(bucket, "k", Payloads.stream("secure"));
        owner.setBucketPolicy(bucket, policy);
        assertThat(read(anonymous, bucket, "k")).isEqualTo("secure");
      } finally {
        owner.shutdown();
        anonymous.shutdown();
      }
    }
    // The same policy over plain HTTP grants nothing.
    OSS owner = Clients.shared("V1");
    OSS anonymous = Clients.anonymous("V1");
    try {
      String bucket = Buckets.unique("plain-policy");
      owner.createBucket(bucket);
      owner.putObject(bucket, "k", Payloads.stream("plain"));
      owner.setBucketPolicy(bucket, policy);
      OssErrors.expect("AccessDenied", () -> anonymous.getObject(bucket, "k"));
    } finally {
      owner.shutdown();
      anonymous.shutdown();
    }
  }

  @Test
  void serverCommandServesHttpsAndCliClientsTrustTheCa() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            tmp.resolve("data"),
            AK,
            SK,
            List.of("--tls-cert", rsa.chain().toString(), "--tls-key", rsa.key().toString()))) {
      assertThat(server.endpoint()).startsWith("https://127.0.0.1:");
      String bucket = Buckets.unique("tls-cli");
      Path file = Files.writeString(tmp.resolve("hello.txt"), "hello over https");
      String[] common = {
        "--endpoint", server.endpoint(), "--access-key-id", AK, "--access-key-secret", SK
      };
      Cli.Result mb =
          Cli.bare(
              concat(
                  new String[] {
                    "mb", "oss://" + bucket, "--ca-cert", ca.certificatePem().toString()
                  },
                  common));
      assertThat(mb.code()).as(mb.err()).isZero();
      Cli.Result cp =
          Cli.bare(
              concat(
                  new String[] {
                    "cp",
                    file.toString(),
                    "oss://" + bucket + "/hello.txt",
                    "--ca-cert",
                    ca.certificatePem().toString()
                  },
                  common));
      assertThat(cp.code()).as(cp.err()).isZero();
      OSS oss = sdk(server.endpoint(), "V4", ca);
      try {
        assertThat(read(oss, bucket, "hello.txt")).isEqualTo("hello over https");
      } finally {
        oss.shutdown();
      }
      // The admin commands reach the operators' listener over https the same way.
      String admin = server.adminEndpoint();
      assertThat(admin).startsWith("https://127.0.0.1:");
      Cli.Result users =
          Cli.bare(
              "admin",
              "user",
              "create",
              "tls-user",
              "--admin-endpoint",
              admin,
              "--ca-cert",
              ca.certificatePem().toString(),
              "--access-key-id",
              AK,
              "--access-key-secret",
              SK);
      assertThat(users.code()).as(users.err()).isZero();
      // Without the CA the client refuses the server's certificate, in one line.
      Cli.Result untrusted = Cli.bare(concat(new String[] {"ls", "oss://" + bucket}, common));
      assertThat(untrusted.code()).isNotZero();
      assertThat(untrusted.err().strip().lines()).hasSize(1);
      assertThat(untrusted.err()).contains("--ca-cert");
    }
  }

  @Test
  void aBadCertificateOrKeyStopsStartUpWithOneLine() throws Exception {
    Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate\n");
    Path missing = tmp.resolve("missing.pem");

    Cli.Result noCert = server(missing, ec.key());
    assertThat(noCert.code()).isNotZero();
    assertThat(noCert.err().strip().lines()).hasSize(1);
    assertThat(noCert.err()).contains("--tls-cert", missing.toString(), "does not exist");

    Cli.Result badKey = server(ec.chain(), garbage);
    assertThat(badKey.code()).isNotZero();
    assertThat(badKey.err().strip().lines()).hasSize(1);
    assertThat(badKey.err()).contains("--tls-key", garbage.toString(), "PKCS#8");

    Cli.Result badCert = server(garbage, ec.key());
    assertThat(badCert.code()).isNotZero();
    assertThat(badCert.err().strip().lines()).hasSize(1);
    assertThat(badCert.err()).contains("--tls-cert", garbage.toString(), "not a PEM certificate");

    Cli.Result mismatch = server(ec.chain(), rsa.key());
    assertThat(mismatch.code()).isNotZero();
    assertThat(mismatch.err().strip().lines()).hasSize(1);
    assertThat(mismatch.err()).contains(rsa.key().toString(), "does not belong");

    Cli.Result half =
        Cli.bare(
            "server",
            "--tls-cert",
            ec.chain().toString(),
            "--data",
            tmp.resolve("half").toString());
    assertThat(half.code()).isNotZero();
    // A refused start leaves no data directory behind.
    assertThat(tmp.resolve("data-bad")).doesNotExist();
    assertThat(tmp.resolve("half")).doesNotExist();
  }

  private Cli.Result server(Path cert, Path key) {
    return Cli.bare(
        "server",
        "--address",
        "127.0.0.1:0",
        "--admin-address",
        "off",
        "--data",
        tmp.resolve("data-bad").toString(),
        "--tls-cert",
        cert.toString(),
        "--tls-key",
        key.toString());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] readBytes(OSS oss, GetObjectRequest request) throws IOException {
    try (var o = oss.getObject(request)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private static String read(OSS oss, String bucket, String key) throws IOException {
    try (var o = oss.getObject(bucket, key)) {
      return new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
