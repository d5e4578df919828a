package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The permission matrix of {@code permission-matrix.txt}: every operation, for every identity, on
 * every bucket setup, is allowed or refused with AccessDenied exactly as the table says (spec
 * §3.10, §5.5, §6), through the official SDK with signature V1 and V4. The test reports every wrong
 * cell at once, so a failure shows the whole pattern.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class PermissionMatrixTest {
  private static final String AK = "LTAIpermMatrixRoot0000";
  private static final String SK = "permMatrixRootSecret0123456789a";
  private static final String MATRIX = "/permission-matrix.txt";
  private static final String OBJ = "obj";
  private static final String ARN = "acs:oss:*:*:";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static IamFixture iam;
  private static IamFixture.User none;
  private static IamFixture.User allow;
  private static IamFixture.User deny;
  private static IamFixture.User split;
  private static IamFixture.Sts sts;
  private static IamFixture.Sts session;

  @Parameter String version;

  private final AtomicInteger newKeys = new AtomicInteger();

  /** One bucket setup of the table: its ACLs and bucket policy. */
  private record Setup(
      CannedAccessControlList bucketAcl, CannedAccessControlList objectAcl, String policy) {}

  /** A bucket made for one setup, and the clients acting on it. */
  private record Scene(String bucket, Setup setup, OSS root) {}

  /** What one cell came to: allowed, AccessDenied, or something the table does not foresee. */
  private enum Outcome {
    A,
    D,
    UNEXPECTED
  }

  private static final Map<String, Setup> SETUPS =
      Map.of(
          "private",
          new Setup(CannedAccessControlList.Private, CannedAccessControlList.Default, null),
          "public-read",
          new Setup(CannedAccessControlList.PublicRead, CannedAccessControlList.Default, null),
          "public-read-write",
          new Setup(CannedAccessControlList.PublicReadWrite, CannedAccessControlList.Default, null),
          "policy-grant",
          new Setup(
              CannedAccessControlList.Private,
              CannedAccessControlList.Default,
              "{\"Version\":\"1\",\"Statement\":["
                  + "{\"Effect\":\"Allow\",\"Principal\":[\"*\"],\"Action\":[\"oss:GetObject\"],"
                  + "\"Resource\":[\"acs:oss:*:*:${bucket}/*\"]},"
                  + "{\"Effect\":\"Allow\",\"Principal\":[\"${none}\"],\"Action\":[\"oss:PutObject\"],"
                  + "\"Resource\":[\"acs:oss:*:*:${bucket}/*\"]}]}"),
          "policy-deny",
          new Setup(
              CannedAccessControlList.PublicReadWrite,
              CannedAccessControlList.Default,
              "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":[\"*\"],"
                  + "\"Action\":[\"oss:PutObject\",\"oss:DeleteObject\"],"
                  + "\"Resource\":[\"acs:oss:*:*:${bucket}/*\"]}]}"),
          "object-public-read",
          new Setup(CannedAccessControlList.Private, CannedAccessControlList.PublicRead, null),
          "object-private",
          new Setup(
              CannedAccessControlList.PublicReadWrite, CannedAccessControlList.Private, null));

  @BeforeAll
  static void start() throws Exception {
    iam = IamFixture.start(AK, SK);
    // every bucket of the matrix is named it-perm-<setup>-... (Buckets.unique)
    String matrixBuckets = ARN + "it-perm-*";
    none = iam.user("none");
    allow = iam.user("allow", IamFixture.policy("Allow", "oss:*", matrixBuckets));
    deny =
        iam.user(
            "deny",
            IamFixture.policy("Allow", "oss:*", "*"),
            "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
                + "\"Action\":[\"oss:Put*\",\"oss:Delete*\"],\"Resource\":[\"*\"]}]}");
    split =
        iam.user(
            "split",
            IamFixture.policy("Allow", "oss:GetObject", matrixBuckets + "/" + OBJ),
            IamFixture.policy("Allow", "oss:PutObject", matrixBuckets + "/new-*"));
    sts = iam.assume("allow", "", null);
    session =
        iam.assume(
            "allow",
            "",
            "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"oss:Get*\",\"oss:List*\"],\"Resource\":[\"*\"]}]}");
  }

  @AfterAll
  static void stop() {
    iam.close();
  }

  @Test
  void everyCellIsAsTheTableSays() throws Exception {
    Map<String, Map<String, List<Outcome>>> table = readTable();
    List<String> identities =
        List.of("root", "none", "allow", "deny", "split", "sts", "session", "anon");
    Map<String, OSS> clients = clients();
    List<String> wrong = new ArrayList<>();
    int cells = 0;
    try {
      for (Map.Entry<String, Map<String, List<Outcome>>> section : table.entrySet()) {
        Setup setup = SETUPS.get(section.getKey());
        assertThat(setup).as("setup " + section.getKey()).isNotNull();
        Scene scene = prepare(section.getKey(), setup, clients.get("root"));
        for (Map.Entry<String, List<Outcome>> row : section.getValue().entrySet()) {
          assertThat(row.getValue()).as(row.getKey()).hasSize(identities.size());
          for (int i = 0; i < identities.size(); i++) {
            String identity = identities.get(i);
            String got = run(row.getKey(), scene, clients.get(identity));
            cells++;
            if (!got.equals(row.getValue().get(i).name())) {
              wrong.add(
                  String.format(
                      "[%s] %s by %s: expected %s, got %s",
                      section.getKey(), row.getKey(), identity, row.getValue().get(i), got));
            }
          }
        }
      }
    } finally {
      clients.values().forEach(OSS::shutdown);
    }
    System.out.printf("permission matrix (%s): %d cells, %d wrong%n", version, cells, wrong.size());
    assertThat(wrong).as("wrong cells of %d", cells).isEmpty();
    assertThat(cells).isGreaterThan(1400);
  }

  /**
   * Spec §5.2, §5.4: a presigned URL past its expiry is refused, whichever signature version made
   * it; the same URL made to expire later works. V1 carries an absolute {@code Expires}, so the URL
   * is made with one a minute ago. V4 carries {@code x-oss-date} (the SDK always takes the current
   * time for it) and a relative {@code x-oss-expires} of at least one second, so the URL is made to
   * live one second and used once that has passed.
   */
  @Test
  void expiredPresignedUrlsAreRefused() throws Exception {
    String bucket = Buckets.unique("perm-presign");
    OSS root = Clients.sdk(iam.server.endpoint(), version, AK, SK);
    try {
      root.createBucket(bucket);
      root.putObject(bucket, OBJ, Payloads.stream("presigned"));
      long now = System.currentTimeMillis();
      URL fresh = root.generatePresignedUrl(bucket, OBJ, new Date(now + 600_000));
      URL expired;
      if (version.equals("V1")) {
        expired = root.generatePresignedUrl(bucket, OBJ, new Date(now - 60_000));
      } else {
        expired = root.generatePresignedUrl(bucket, OBJ, new Date(now + 1_999));
        assertThat(expired.getQuery()).contains("x-oss-expires=1");
        // x-oss-date is whole seconds: the URL is dead at most two seconds after it was made.
        Thread.sleep(Math.max(0, now + 3_000 - System.currentTimeMillis()));
      }
      HttpResponse<String> ok = get(fresh);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("presigned");
      HttpResponse<String> refused = get(expired);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body())
          .contains("<Code>AccessDenied</Code>")
          .contains("Request has expired.");
    } finally {
      root.shutdown();
    }
  }

  /**
   * Spec §5.1: a request time more than 15 minutes off the server's, either way, is refused with
   * RequestTimeTooSkewed; 14 minutes off is accepted. With V1 the request is a raw signed request
   * whose Date header is skewed; with V4 it is an SDK client whose own clock is skewed (its {@code
   * x-oss-date} and the signing day come from it). Neither changes anything another client sees.
   */
  @Test
  void clockSkewBeyondFifteenMinutesIsRefusedBothWays() throws Exception {
    String bucket = Buckets.unique("perm-skew");
    OSS root = Clients.sdk(iam.server.endpoint(), version, AK, SK);
    try {
      root.createBucket(bucket);
    } finally {
      root.shutdown();
    }
    for (long minutes : new long[] {16, -16, 14, -14}) {
      for (String who : List.of("root", "allow")) {
        String id = who.equals("root") ? AK : allow.accessKeyId();
        String secret = who.equals("root") ? SK : allow.secret();
        String cell = who + " " + minutes + " min";
        if (version.equals("V1")) {
          RawResponse r;
          try (RawConnection c = new RawConnection(iam.server.port())) {
            r =
                c.send(
                    RawRequest.of("GET", bucket, null)
                        .host("127.0.0.1:" + iam.server.port())
                        .query("bucketInfo", null)
                        .credentials(id, secret)
                        .date(Instant.now().plus(Duration.ofMinutes(minutes))));
          }
          if (Math.abs(minutes) > 15) {
            assertThat(r.status()).as(cell).isEqualTo(403);
            assertThat(r.errorCode()).as(cell).isEqualTo("RequestTimeTooSkewed");
          } else {
            assertThat(r.status()).as(cell + ": " + r).isEqualTo(200);
            assertThat(r.text()).as(cell).contains("<Name>" + bucket + "</Name>");
          }
          continue;
        }
        OSS skewed = skewedSdk(id, secret, minutes * 60_000);
        try {
          if (Math.abs(minutes) > 15) {
            OssErrors.expect("RequestTimeTooSkewed", () -> skewed.getBucketInfo(bucket));
          } else {
            assertThat(skewed.getBucketInfo(bucket).getBucket().getName())
                .as(cell)
                .isEqualTo(bucket);
          }
        } finally {
          skewed.shutdown();
        }
      }
    }
    // The skewed clients left no trace: a fresh client signs with the right time.
    OSS after = Clients.sdk(iam.server.endpoint(), version, AK, SK);
    try {
      assertThat(after.getBucketInfo(bucket).getBucket().getName()).isEqualTo(bucket);
    } finally {
      after.shutdown();
    }
  }

  /**
   * An SDK client whose clock runs {@code offsetMillis} ahead of this machine's (behind when
   * negative). The SDK's {@code ClientConfiguration.setTickOffset} takes the time the client is to
   * believe it is now (it keeps that minus the current time in that configuration alone), not an
   * offset.
   */
  private OSS skewedSdk(String id, String secret, long offsetMillis) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setTickOffset(System.currentTimeMillis() + offsetMillis);
    conf.setMaxErrorRetry(0);
    if (version.equals("V4")) {
      conf.setSignatureVersion(SignVersion.V4);
    }
    return OSSClientBuilder.create()
        .endpoint(iam.server.endpoint())
        .credentialsProvider(new DefaultCredentialProvider(id, secret))
        .clientConfiguration(conf)
        .region(Clients.REGION)
        .build();
  }

  /**
   * A request signed with another real key's secret is refused, in headers and in a presigned URL,
   * and so is a token presented with another session's key.
   */
  @Test
  void aSignatureFromAnotherKeyIsRefused() throws Exception {
    String endpoint = iam.server.endpoint();
    List<OSS> forged =
        List.of(
            Clients.sdk(endpoint, version, allow.accessKeyId(), deny.secret()),
            Clients.sdk(endpoint, version, AK, allow.secret()),
            Clients.sdk(endpoint, version, none.accessKeyId(), SK));
    try {
      for (OSS oss : forged) {
        OssErrors.expect("SignatureDoesNotMatch", oss::listBuckets);
      }
    } finally {
      forged.forEach(OSS::shutdown);
    }
    OSS stolenToken =
        Clients.sdk(
            endpoint,
            version,
            new DefaultCredentialProvider(sts.accessKeyId(), session.secret(), sts.token()));
    try {
      OssErrors.expect("SignatureDoesNotMatch", stolenToken::listBuckets);
    } finally {
      stolenToken.shutdown();
    }
    // A URL presigned by "deny", with the key id swapped for "allow"'s: the signature no longer
    // matches the key it names.
    String bucket = Buckets.unique("perm-forged");
    OSS root = Clients.sdk(endpoint, version, AK, SK);
    OSS signer = Clients.sdk(endpoint, version, deny.accessKeyId(), deny.secret());
    try {
      root.createBucket(bucket);
      root.putObject(bucket, OBJ, Payloads.stream("x"));
      URL url =
          signer.generatePresignedUrl(bucket, OBJ, new Date(System.currentTimeMillis() + 600_000));
      assertThat(get(url).statusCode()).isEqualTo(200);
      URL swapped =
          URI.create(url.toString().replace(deny.accessKeyId(), allow.accessKeyId())).toURL();
      HttpResponse<String> refused = get(swapped);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    } finally {
      root.shutdown();
      signer.shutdown();
    }
  }

  private static HttpResponse<String> get(URL url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, OSS> clients() {
    String endpoint = iam.server.endpoint();
    Map<String, OSS> c = new LinkedHashMap<>();
    c.put("root", Clients.sdk(endpoint, version, AK, SK));
    c.put("none", Clients.sdk(endpoint, version, none.accessKeyId(), none.secret()));
    c.put("allow", Clients.sdk(endpoint, version, allow.accessKeyId(), allow.secret()));
    c.put("deny", Clients.sdk(endpoint, version, deny.accessKeyId(), deny.secret()));
    c.put("split", Clients.sdk(endpoint, version, split.accessKeyId(), split.secret()));
    c.put("sts", Clients.sdk(endpoint, version, provider(sts)));
    c.put("session", Clients.sdk(endpoint, version, provider(session)));
    c.put("anon", Clients.sdk(endpoint, version, new Anonymous()));
    return c;
  }

  private static DefaultCredentialProvider provider(IamFixture.Sts s) {
    return new DefaultCredentialProvider(s.accessKeyId(), s.secret(), s.token());
  }

  private static Scene prepare(String name, Setup setup, OSS root) {
    String bucket = Buckets.unique("perm-" + name);
    root.createBucket(new CreateBucketRequest(bucket).withCannedACL(setup.bucketAcl()));
    Scene scene = new Scene(bucket, setup, root);
    restoreObject(scene);
    if (setup.policy() != null) {
      root.setBucketPolicy(
          bucket, setup.policy().replace("${bucket}", bucket).replace("${none}", none.userId()));
    }
    return scene;
  }

  /** Writes obj again with the setup's ACL: after an allowed delete, for the cells that follow. */
  private static void restoreObject(Scene scene) {
    scene.root().putObject(scene.bucket(), OBJ, Payloads.stream("the object"));
    scene.root().setObjectAcl(scene.bucket(), OBJ, scene.setup().objectAcl());
  }

  /** Runs {@code operation} as {@code oss} on the scene; returns A, D or what else came back. */
  private String run(String operation, Scene scene, OSS oss) {
    String b = scene.bucket();
    String fresh = "new-" + newKeys.incrementAndGet();
    Set<String> alsoAllowed = Set.of();
    try {
      switch (operation) {
        case "ListBuckets" -> oss.listBuckets();
        case "GetBucketInfo" -> oss.getBucketInfo(b);
        case "GetBucketAcl" -> oss.getBucketAcl(b);
        case "PutBucketAcl" -> oss.setBucketAcl(b, scene.setup().bucketAcl());
        case "GetBucketPolicy" -> {
          alsoAllowed = Set.of("NoSuchBucketPolicy");
          oss.getBucketPolicy(b);
        }
        case "DeleteBucket" -> {
          alsoAllowed = Set.of("BucketNotEmpty");
          oss.deleteBucket(b);
          return "deleted a bucket that holds objects";
        }
        case "ListObjects" -> oss.listObjects(b);
        case "HeadObject" -> oss.headObject(b, OBJ);
        case "GetObject" -> read(oss, b);
        case "PutObject" -> oss.putObject(b, fresh, Payloads.stream("p"));
        case "AppendObject" -> Appends.append(oss, b, fresh, 0, "a");
        case "CopyObject" -> oss.copyObject(b, OBJ, b, fresh);
        case "DeleteObject" -> {
          oss.deleteObject(b, OBJ);
          restoreObject(scene);
        }
        case "DeleteMultipleObjects" -> {
          oss.deleteObjects(new DeleteObjectsRequest(b).withKeys(List.of(OBJ)));
          restoreObject(scene);
        }
        case "InitiateMultipartUpload" ->
            oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(b, fresh));
        case "GetObjectAcl" -> oss.getObjectAcl(b, OBJ);
        case "PutObjectAcl" -> oss.setObjectAcl(b, OBJ, scene.setup().objectAcl());
        case "GetObjectTagging" -> oss.getObjectTagging(b, OBJ);
        case "PutObjectTagging" -> oss.setObjectTagging(b, OBJ, Map.of("k", "v"));
        case "PutObjectWithTagging" -> {
          ObjectMetadata meta = new ObjectMetadata();
          meta.setHeader("x-oss-tagging", "k=v");
          oss.putObject(b, fresh, Payloads.stream("t"), meta);
        }
        case "DeleteObjectTagging" -> oss.deleteObjectTagging(b, OBJ);
        case "GetObjectMeta" -> oss.getSimplifiedObjectMeta(b, OBJ);
        case "UploadPart" -> {
          byte[] part = Payloads.utf8("part");
          oss.uploadPart(
              new UploadPartRequest(
                  b, fresh, upload(scene, fresh), 1, Payloads.stream(part), part.length));
        }
        case "UploadPartCopy" ->
            oss.uploadPartCopy(
                new UploadPartCopyRequest(b, OBJ, b, fresh, upload(scene, fresh), 1, 0L, 3L));
        case "CompleteMultipartUpload" -> {
          String id = upload(scene, fresh);
          byte[] part = Payloads.utf8("part");
          PartETag etag =
              scene
                  .root()
                  .uploadPart(
                      new UploadPartRequest(b, fresh, id, 1, Payloads.stream(part), part.length))
                  .getPartETag();
          oss.completeMultipartUpload(
              new CompleteMultipartUploadRequest(b, fresh, id, new ArrayList<>(List.of(etag))));
        }
        case "ListParts" -> oss.listParts(new ListPartsRequest(b, fresh, upload(scene, fresh)));
        case "AbortMultipartUpload" ->
            oss.abortMultipartUpload(
                new AbortMultipartUploadRequest(b, fresh, upload(scene, fresh)));
        case "ListMultipartUploads" -> oss.listMultipartUploads(new ListMultipartUploadsRequest(b));
        default ->
            throw new IllegalArgumentException("no such operation in the matrix: " + operation);
      }
      return Outcome.A.name();
    } catch (OSSException e) {
      if ("AccessDenied".equals(e.getErrorCode())) {
        return Outcome.D.name();
      }
      return alsoAllowed.contains(e.getErrorCode())
          ? Outcome.A.name()
          : Outcome.UNEXPECTED + " " + e.getErrorCode() + " (" + e.getErrorMessage() + ")";
    } catch (IOException e) {
      return Outcome.UNEXPECTED + " " + e;
    }
  }

  /** A multipart upload of {@code key} that root initiated. */
  private static String upload(Scene scene, String key) {
    return scene
        .root()
        .initiateMultipartUpload(new InitiateMultipartUploadRequest(scene.bucket(), key))
        .getUploadId();
  }

  private static void read(OSS oss, String bucket) throws IOException {
    try (var o = oss.getObject(bucket, OBJ)) {
      o.getObjectContent().readAllBytes();
    }
  }

  /** Section → operation → the outcome per identity column, in file order. */
  private static Map<String, Map<String, List<Outcome>>> readTable() throws IOException {
    Map<String, Map<String, List<Outcome>>> table = new LinkedHashMap<>();
    try (InputStream in = PermissionMatrixTest.class.getResourceAsStream(MATRIX)) {
      assertThat(in).as(MATRIX).isNotNull();
      Map<String, List<Outcome>> section = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#") || l.startsWith("operation ")) {
          continue;
        }
        if (l.startsWith("[")) {
          section = new LinkedHashMap<>();
          table.put(l.substring(1, l.length() - 1), section);
          continue;
        }
        String[] cells = l.split("\\s+");
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i < cells.length; i++) {
          outcomes.add(Outcome.valueOf(cells[i]));
        }
        assertThat(section).as("a row before any [section]: " + l).isNotNull();
        section.put(cells[0], outcomes);
      }
    }
    return table;
  }
}
