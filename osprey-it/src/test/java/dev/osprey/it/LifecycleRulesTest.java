package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.LifecycleRule.AbortMultipartUpload;
import com.aliyun.oss.model.LifecycleRule.NoncurrentVersionExpiration;
import com.aliyun.oss.model.LifecycleRule.RuleStatus;
import com.aliyun.oss.model.LifecycleRule.StorageTransition;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SealAppendObjectRequest;
import com.aliyun.oss.model.SetBucketLifecycleRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.StorageClass;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lifecycle rules that act (issue 12, item 3; docs/lifecycle.md): a server of its own whose clock
 * the test moves, then one lifecycle pass, then the SDK shows the result.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class LifecycleRulesTest {
  private static final String AK = "LTAIlifecycleRules00";
  private static final String SK = "lifecycleRulesSecret0123456789ab";

  @Parameter String version;

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private OspreyServer server;
  private OSS oss;
  private String bucket;

  @BeforeEach
  void start() throws Exception {
    server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(AK, SK)
            .sync(SyncMode.NEVER)
            .clock(clock)
            .lifecycleInterval(Duration.ofDays(365))
            .build()
            .start();
    oss = Clients.sdk(server.endpoint(), version, AK, SK);
    bucket = "lifecycle-rules";
    oss.createBucket(bucket);
  }

  @AfterEach
  void stop() {
    oss.shutdown();
    server.close();
  }

  private void rules(LifecycleRule... rules) {
    SetBucketLifecycleRequest request = new SetBucketLifecycleRequest(bucket);
    request.setLifecycleRules(List.of(rules));
    oss.setBucketLifecycle(request);
  }

  private void put(String key) {
    oss.putObject(bucket, key, Payloads.stream(key));
  }

  @Test
  void configurationIsStoredReadBackAndDeleted() {
    OssErrors.expect("NoSuchLifecycle", () -> oss.getBucketLifecycle(bucket));
    LifecycleRule rule = new LifecycleRule("logs", "logs/", RuleStatus.Enabled, 30);
    rule.setTags(Map.of("kind", "log"));
    rules(rule);
    List<LifecycleRule> read = oss.getBucketLifecycle(bucket);
    assertThat(read).hasSize(1);
    assertThat(read.getFirst().getId()).isEqualTo("logs");
    assertThat(read.getFirst().getPrefix()).isEqualTo("logs/");
    assertThat(read.getFirst().getExpirationDays()).isEqualTo(30);
    assertThat(read.getFirst().getTags()).containsEntry("kind", "log");
    oss.deleteBucketLifecycle(bucket);
    OssErrors.expect("NoSuchLifecycle", () -> oss.getBucketLifecycle(bucket));
    OssErrors.expect(
        "InvalidArgument",
        () -> rules(new LifecycleRule("none", "x/", RuleStatus.Enabled))); // no action
  }

  @Test
  void expirationByDaysHonoursPrefixAndTags() {
    LifecycleRule byPrefix = new LifecycleRule("tmp", "tmp/", RuleStatus.Enabled, 2);
    LifecycleRule byTag = new LifecycleRule("tagged", "", RuleStatus.Enabled, 2);
    byTag.setTags(Map.of("drop", "yes"));
    rules(byPrefix, byTag);
    put("tmp/a");
    put("keep/b");
    put("keep/c");
    oss.setObjectTagging(bucket, "keep/c", Map.of("drop", "yes"));

    clock.advance(Duration.ofDays(1));
    assertThat(server.applyLifecycle()).isZero();
    clock.advance(Duration.ofDays(1));
    assertThat(server.applyLifecycle()).isEqualTo(2);
    assertThat(oss.doesObjectExist(bucket, "tmp/a")).isFalse();
    assertThat(oss.doesObjectExist(bucket, "keep/c")).isFalse();
    assertThat(oss.doesObjectExist(bucket, "keep/b")).isTrue();
  }

  @Test
  void transitionsChangeTheStorageClassAsAppendRulesAllow() {
    LifecycleRule rule = new LifecycleRule("cold", "", RuleStatus.Enabled);
    rule.setStorageTransition(
        List.of(
            new StorageTransition(10, StorageClass.IA),
            new StorageTransition(20, StorageClass.ColdArchive)));
    rules(rule);
    put("normal");
    oss.appendObject(
        new AppendObjectRequest(bucket, "open-log", Payloads.stream("ab")).withPosition(0L));
    oss.appendObject(
        new AppendObjectRequest(bucket, "sealed-log", Payloads.stream("ab")).withPosition(0L));
    oss.sealAppendObject(new SealAppendObjectRequest(bucket, "sealed-log").withPosition(2L));

    clock.advance(Duration.ofDays(10));
    server.applyLifecycle();
    assertThat(storageClass("normal")).isEqualTo("IA");
    assertThat(storageClass("open-log")).isEqualTo("IA");
    clock.advance(Duration.ofDays(10));
    server.applyLifecycle();
    assertThat(storageClass("normal")).isEqualTo("ColdArchive");
    // spec §1.10: an appendable object reaches the cold archive classes only once sealed
    assertThat(storageClass("open-log")).isEqualTo("IA");
    assertThat(storageClass("sealed-log")).isEqualTo("ColdArchive");
  }

  private String storageClass(String key) {
    ObjectMetadata m = oss.getObjectMetadata(bucket, key);
    return (String) m.getRawMetadata().get("x-oss-storage-class");
  }

  @Test
  void versionedBucketsGetMarkersAndLosePreviousVersions() {
    oss.setBucketVersioning(
        new SetBucketVersioningRequest(bucket, new BucketVersioningConfiguration("Enabled")));
    LifecycleRule expire = new LifecycleRule("expire", "doc", RuleStatus.Enabled, 5);
    LifecycleRule noncurrent = new LifecycleRule("old", "", RuleStatus.Enabled);
    noncurrent.setNoncurrentVersionExpiration(new NoncurrentVersionExpiration(3));
    LifecycleRule markers = new LifecycleRule("markers", "", RuleStatus.Enabled);
    markers.setExpiredDeleteMarker(true);
    rules(expire, noncurrent, markers);
    put("doc");
    clock.advance(Duration.ofDays(1));
    put("doc"); // the first version is noncurrent from now

    clock.advance(Duration.ofDays(3));
    server.applyLifecycle();
    assertThat(oss.listVersions(bucket, "doc").getVersionSummaries()).hasSize(1);

    clock.advance(Duration.ofDays(2));
    server.applyLifecycle(); // the current version expires: a delete marker in front of it
    List<OSSVersionSummary> rows = oss.listVersions(bucket, "doc").getVersionSummaries();
    assertThat(rows)
        .extracting(OSSVersionSummary::isDeleteMarker)
        .containsExactlyInAnyOrder(true, false);
    assertThat(oss.doesObjectExist(bucket, "doc")).isFalse();

    clock.advance(Duration.ofDays(3));
    server.applyLifecycle(); // the version behind the marker goes, then the lone marker
    server.applyLifecycle();
    assertThat(oss.listVersions(bucket, "doc").getVersionSummaries()).isEmpty();
  }

  @Test
  void unfinishedUploadsAreAborted() {
    LifecycleRule rule = new LifecycleRule("abort", "big/", RuleStatus.Enabled);
    rule.setAbortMultipartUpload(new AbortMultipartUpload(1));
    rules(rule);
    oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "big/file"));
    oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "small/file"));
    clock.advance(Duration.ofDays(1));
    assertThat(server.applyLifecycle()).isEqualTo(1);
    assertThat(
            oss.listMultipartUploads(new ListMultipartUploadsRequest(bucket)).getMultipartUploads())
        .extracting(u -> u.getKey())
        .containsExactly("small/file");
  }
}
