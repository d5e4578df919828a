package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.internal.OSSHeaders;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.LifecycleRule;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.RestoreConfiguration;
import com.aliyun.oss.model.RestoreJobParameters;
import com.aliyun.oss.model.RestoreObjectRequest;
import com.aliyun.oss.model.RestoreTier;
import com.aliyun.oss.model.SetBucketLifecycleRequest;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.StorageClass;
import com.aliyun.oss.model.UploadPartRequest;
import dev.osprey.protocol.HttpDates;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Storage classes, archive and restore (issue 12, item 4; docs/storage-classes.md) through the
 * official SDK: a server of its own whose restores take an hour by a clock the test moves.
 */
class ArchiveRestoreTest {
  private static final String AK = "LTAIarchiveRestore00";
  private static final String SK = "archiveRestoreSecret0123456789ab";
  private static final Duration DELAY = Duration.ofHours(1);
  private static final String ONGOING = "ongoing-request=\"true\"";

  private final SettableClock clock =
      new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private OspreyServer server;
  private OSS oss;
  private final String bucket = "archive-restore";

  @BeforeEach
  void start() throws Exception {
    server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(AK, SK)
            .sync(SyncMode.NEVER)
            .clock(clock)
            .restoreDelay(DELAY)
            .lifecycleInterval(Duration.ofDays(365))
            .build()
            .start();
    oss = Clients.sdk(server.endpoint(), "V4", AK, SK);
    oss.createBucket(bucket);
  }

  @AfterEach
  void stop() {
    oss.shutdown();
    server.close();
  }

  private void put(String key, String storageClass) {
    ObjectMetadata meta = new ObjectMetadata();
    if (storageClass != null) {
      meta.setHeader(OSSHeaders.STORAGE_CLASS, storageClass);
    }
    oss.putObject(new PutObjectRequest(bucket, key, Payloads.stream(key), meta));
  }

  private String read(String key) throws IOException {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return new String(
          o.getObjectContent().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String restored(Instant expiry) {
    return "ongoing-request=\"false\", expiry-date=\"" + HttpDates.formatRfc1123(expiry) + "\"";
  }

  @Test
  void anArchivedObjectIsRefusedUntilRestoredThenReadableUntilTheRestoreExpires()
      throws IOException {
    put("frozen.txt", "Archive");
    ObjectMetadata head = oss.getObjectMetadata(bucket, "frozen.txt");
    assertThat(head.getObjectStorageClass()).isEqualTo(StorageClass.Archive);
    assertThat(head.getObjectRawRestore()).isNull();
    OssErrors.expect(
        "InvalidObjectState",
        "The operation is not valid for the object's state",
        () -> oss.getObject(bucket, "frozen.txt"));
    OssErrors.expect(
        "InvalidObjectState", () -> oss.copyObject(bucket, "frozen.txt", bucket, "thawed.txt"));

    Instant asked = clock.instant();
    assertThat(oss.restoreObject(bucket, "frozen.txt").getStatusCode()).isEqualTo(202);
    head = oss.getObjectMetadata(bucket, "frozen.txt");
    assertThat(head.getObjectRawRestore()).isEqualTo(ONGOING);
    assertThat(head.isRestoreCompleted()).isFalse();
    OssErrors.expect(
        "RestoreAlreadyInProgress",
        "The restore operation is in progress.",
        () -> oss.restoreObject(bucket, "frozen.txt"));
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "frozen.txt"));
    assertThat(oss.listObjects(bucket).getObjectSummaries().getFirst().getRestoreInfo())
        .isEqualTo(ONGOING);

    clock.advance(DELAY);
    Instant expiry = asked.plus(DELAY).plus(Duration.ofDays(1));
    head = oss.getObjectMetadata(bucket, "frozen.txt");
    assertThat(head.isRestoreCompleted()).isTrue();
    assertThat(head.getObjectRawRestore()).isEqualTo(restored(expiry));
    assertThat(read("frozen.txt")).isEqualTo("frozen.txt");
    assertThat(
            oss.listObjectsV2(new ListObjectsV2Request(bucket))
                .getObjectSummaries()
                .getFirst()
                .getRestoreInfo())
        .isEqualTo(restored(expiry));
    // a copy is a new object: of the source's class unless the copy names one, and not restored
    oss.copyObject(bucket, "frozen.txt", bucket, "copied.txt");
    ObjectMetadata copied = oss.getObjectMetadata(bucket, "copied.txt");
    assertThat(copied.getObjectStorageClass()).isEqualTo(StorageClass.Archive);
    assertThat(copied.getObjectRawRestore()).isNull();
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "copied.txt"));
    CopyObjectRequest thaw = new CopyObjectRequest(bucket, "frozen.txt", bucket, "thawed.txt");
    ObjectMetadata standard = new ObjectMetadata();
    standard.setHeader(OSSHeaders.STORAGE_CLASS, "Standard");
    thaw.setNewObjectMetadata(standard);
    oss.copyObject(thaw);
    assertThat(read("thawed.txt")).isEqualTo("frozen.txt");
    assertThat(oss.getObjectMetadata(bucket, "thawed.txt").getObjectStorageClass())
        .isEqualTo(StorageClass.Standard);

    // restoring a restored object extends its restored state: 200
    clock.advance(Duration.ofHours(5));
    assertThat(oss.restoreObject(bucket, "frozen.txt").getStatusCode()).isEqualTo(200);
    Instant extended = clock.instant().plus(Duration.ofDays(1));
    assertThat(oss.getObjectMetadata(bucket, "frozen.txt").getObjectRawRestore())
        .isEqualTo(restored(extended));

    // once expired the object is frozen again, and a restore starts anew
    clock.advance(Duration.ofDays(1));
    assertThat(oss.getObjectMetadata(bucket, "frozen.txt").getObjectRawRestore()).isNull();
    assertThat(oss.listObjects(bucket).getObjectSummaries())
        .allSatisfy(s -> assertThat(s.getRestoreInfo()).isNull());
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "frozen.txt"));
    assertThat(oss.restoreObject(bucket, "frozen.txt").getStatusCode()).isEqualTo(202);
  }

  @Test
  void restoreRequestsFollowEachClassRules() {
    put("cold", "ColdArchive");
    put("deep", "DeepColdArchive");
    put("archive", "Archive");
    put("standard", null);
    put("ia", "IA");

    RestoreConfiguration threeDaysExpedited =
        new RestoreConfiguration(3, new RestoreJobParameters(RestoreTier.RESTORE_TIER_EXPEDITED));
    Instant asked = clock.instant();
    assertThat(oss.restoreObject(bucket, "cold", threeDaysExpedited).getStatusCode())
        .isEqualTo(202);
    clock.advance(DELAY);
    assertThat(oss.getObjectMetadata(bucket, "cold").getObjectRawRestore())
        .isEqualTo(restored(asked.plus(DELAY).plus(Duration.ofDays(3))));

    // JobParameters are for the cold classes only (the SDK's own test expects MalformedXML)
    OssErrors.expect(
        "MalformedXML",
        () ->
            oss.restoreObject(
                new RestoreObjectRequest(bucket, "archive")
                    .withRestoreConfiguration(
                        new RestoreConfiguration(2)
                            .withRestoreJobParameters(
                                new RestoreJobParameters(RestoreTier.RESTORE_TIER_BULK)))));
    OssErrors.expect(
        "MalformedXML", () -> oss.restoreObject(bucket, "archive", new RestoreConfiguration(8)));
    OssErrors.expect(
        "MalformedXML", () -> oss.restoreObject(bucket, "cold", new RestoreConfiguration(366)));
    OssErrors.expect(
        "MalformedXML",
        () ->
            oss.restoreObject(
                bucket,
                "deep",
                new RestoreConfiguration(
                    1, new RestoreJobParameters(RestoreTier.RESTORE_TIER_BULK))));
    assertThat(oss.restoreObject(bucket, "deep", new RestoreConfiguration(7)).getStatusCode())
        .isEqualTo(202);
    // signed with V1 too: ?restore is in V1's canonical resource
    OSS v1 = Clients.sdk(server.endpoint(), "V1", AK, SK);
    try {
      assertThat(v1.restoreObject(bucket, "archive", new RestoreConfiguration(7)).getStatusCode())
          .isEqualTo(202);
    } finally {
      v1.shutdown();
    }

    for (String key : List.of("standard", "ia")) {
      OSSException e =
          OssErrors.expect("OperationNotSupported", () -> oss.restoreObject(bucket, key));
      assertThat(e.getEC()).isEqualTo("0016-00000702");
    }
    OssErrors.expect("NoSuchKey", () -> oss.restoreObject(bucket, "absent"));
  }

  @Test
  void everyWriteTakesAStorageClassAndTheBucketDefault() throws IOException {
    String iaBucket = "archive-default-ia";
    CreateBucketRequest create = new CreateBucketRequest(iaBucket);
    create.setStorageClass(StorageClass.IA);
    oss.createBucket(create);
    oss.putObject(iaBucket, "plain", Payloads.stream("plain"));
    assertThat(oss.getObjectMetadata(iaBucket, "plain").getObjectStorageClass())
        .isEqualTo(StorageClass.IA);

    for (StorageClass sc :
        List.of(
            StorageClass.Standard,
            StorageClass.IA,
            StorageClass.Archive,
            StorageClass.ColdArchive,
            StorageClass.DeepColdArchive)) {
      put("put-" + sc, sc.toString());
      assertThat(oss.getObjectMetadata(bucket, "put-" + sc).getObjectStorageClass()).isEqualTo(sc);
    }
    assertThat(oss.listObjects(bucket, "put-").getObjectSummaries())
        .extracting(s -> s.getStorageClass())
        .containsExactlyInAnyOrder("Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive");

    // multipart: the class given at initiation
    ObjectMetadata cold = new ObjectMetadata();
    cold.setHeader(OSSHeaders.STORAGE_CLASS, "ColdArchive");
    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "multi", cold))
            .getUploadId();
    UploadPartRequest part =
        new UploadPartRequest(bucket, "multi", uploadId, 1, Payloads.stream("m"), 1);
    PartETag etag = oss.uploadPart(part).getPartETag();
    oss.completeMultipartUpload(
        new CompleteMultipartUploadRequest(
            bucket, "multi", uploadId, new ArrayList<>(List.of(etag))));
    assertThat(oss.getObjectMetadata(bucket, "multi").getObjectStorageClass())
        .isEqualTo(StorageClass.ColdArchive);
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "multi"));

    // copy: a new class for the copy of a readable source
    CopyObjectRequest copy = new CopyObjectRequest(bucket, "put-Standard", bucket, "copied");
    ObjectMetadata archive = new ObjectMetadata();
    archive.setHeader(OSSHeaders.STORAGE_CLASS, "Archive");
    copy.setNewObjectMetadata(archive);
    oss.copyObject(copy);
    assertThat(oss.getObjectMetadata(bucket, "copied").getObjectStorageClass())
        .isEqualTo(StorageClass.Archive);

    // append: Archive on the first append (later appends go on: they read nothing), no cold class
    AppendObjectRequest first = new AppendObjectRequest(bucket, "log", Payloads.stream("ab"));
    ObjectMetadata archiveLog = new ObjectMetadata();
    archiveLog.setHeader(OSSHeaders.STORAGE_CLASS, "Archive");
    first.setMetadata(archiveLog);
    first.setPosition(0L);
    oss.appendObject(first);
    AppendObjectRequest next = new AppendObjectRequest(bucket, "log", Payloads.stream("cd"));
    next.setPosition(2L);
    assertThat(oss.appendObject(next).getNextPosition()).isEqualTo(4L);
    assertThat(oss.getObjectMetadata(bucket, "log").getObjectStorageClass())
        .isEqualTo(StorageClass.Archive);
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "log"));
    AppendObjectRequest coldLog = new AppendObjectRequest(bucket, "cold-log", Payloads.stream("x"));
    coldLog.setMetadata(cold);
    coldLog.setPosition(0L);
    OssErrors.expect("InvalidArgument", () -> oss.appendObject(coldLog));
    assertThat(oss.restoreObject(bucket, "log").getStatusCode()).isEqualTo(202);
    clock.advance(DELAY);
    assertThat(read("log")).isEqualTo("abcd");
  }

  @Test
  void lifecycleTransitionsFreezeObjectsAndAColderClassEndsARestore() throws IOException {
    LifecycleRule rule = new LifecycleRule("freeze", "", LifecycleRule.RuleStatus.Enabled);
    rule.setStorageTransition(
        List.of(
            new LifecycleRule.StorageTransition(10, StorageClass.ColdArchive),
            new LifecycleRule.StorageTransition(20, StorageClass.DeepColdArchive)));
    SetBucketLifecycleRequest lifecycle = new SetBucketLifecycleRequest(bucket);
    lifecycle.setLifecycleRules(List.of(rule));
    oss.setBucketLifecycle(lifecycle);
    put("aging", null);
    assertThat(read("aging")).isEqualTo("aging");

    clock.advance(Duration.ofDays(10));
    server.applyLifecycle();
    assertThat(oss.getObjectMetadata(bucket, "aging").getObjectStorageClass())
        .isEqualTo(StorageClass.ColdArchive);
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "aging"));
    // restored for 30 days, yet moved colder after 10 of them
    assertThat(oss.restoreObject(bucket, "aging", new RestoreConfiguration(30)).getStatusCode())
        .isEqualTo(202);
    clock.advance(DELAY);
    assertThat(read("aging")).isEqualTo("aging");

    clock.advance(Duration.ofDays(10));
    server.applyLifecycle();
    ObjectMetadata cold = oss.getObjectMetadata(bucket, "aging");
    assertThat(cold.getObjectStorageClass()).isEqualTo(StorageClass.DeepColdArchive);
    assertThat(cold.getObjectRawRestore())
        .as("the move to a colder class ends the restore")
        .isNull();
    OssErrors.expect("InvalidObjectState", () -> oss.getObject(bucket, "aging"));
  }

  @Test
  void versionsAreRestoredOneByOneAndListedWithTheirRestoreInfo() {
    oss.setBucketVersioning(
        new SetBucketVersioningRequest(
            bucket, new BucketVersioningConfiguration(BucketVersioningConfiguration.ENABLED)));
    put("doc", "Archive");
    String older = oss.getObjectMetadata(bucket, "doc").getVersionId();
    put("doc", "Archive");
    RestoreObjectRequest restoreOlder = new RestoreObjectRequest(bucket, "doc");
    restoreOlder.setVersionId(older);
    assertThat(oss.restoreObject(restoreOlder).getStatusCode()).isEqualTo(202);
    var versions =
        oss.listVersions(new ListVersionsRequest().withBucketName(bucket)).getVersionSummaries();
    assertThat(versions).hasSize(2);
    for (var v : versions) {
      assertThat(v.getRestoreInfo())
          .as("version %s", v.getVersionId())
          .isEqualTo(v.getVersionId().equals(older) ? ONGOING : null);
    }
    assertThat(oss.getObjectMetadata(bucket, "doc").getObjectRawRestore()).isNull();
    OSSException inProgress =
        OssErrors.expect("RestoreAlreadyInProgress", () -> oss.restoreObject(restoreOlder));
    assertThat(inProgress.getEC()).isEqualTo("0016-00000701");
  }
}
