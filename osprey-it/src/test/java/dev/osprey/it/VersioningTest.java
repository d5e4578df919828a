package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.DeleteVersionsRequest;
import com.aliyun.oss.model.DeleteVersionsResult;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.VoidResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bucket versioning through the SDK (issue 12, item 1; docs/versioning.md): version ids on every
 * write, delete markers, version-addressed reads, copies, tags and deletes, and the appendable
 * rules of spec §1.7.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class VersioningTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("versions");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private void versioning(String status) {
    oss.setBucketVersioning(
        new SetBucketVersioningRequest(bucket, new BucketVersioningConfiguration(status)));
  }

  private String put(String key, String content) {
    return oss.putObject(bucket, key, Payloads.stream(content)).getVersionId();
  }

  private String read(String key, String versionId) throws IOException {
    try (OSSObject o = oss.getObject(new GetObjectRequest(bucket, key, versionId));
        InputStream in = o.getObjectContent()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<OSSVersionSummary> versions(String prefix) {
    return oss.listVersions(bucket, prefix).getVersionSummaries();
  }

  /**
   * The one delete-marker row (or the one version row) of a listing: the SDK puts every {@code
   * <Version>} before every {@code <DeleteMarker>}, whatever their order in the XML.
   */
  private static OSSVersionSummary only(List<OSSVersionSummary> rows, boolean deleteMarker) {
    List<OSSVersionSummary> matching =
        rows.stream().filter(r -> r.isDeleteMarker() == deleteMarker).toList();
    assertThat(matching).hasSize(1);
    return matching.getFirst();
  }

  private static String header(VoidResult r, String name) {
    return r.getResponse().getHeaders().get(name);
  }

  @Test
  void statusIsAbsentUntilEnabledThenEnabledOrSuspended() {
    assertThat(oss.getBucketVersioning(bucket).getStatus()).isNull();
    assertThat(put("plain", "x")).isNull(); // never versioned: no x-oss-version-id
    versioning("Enabled");
    assertThat(oss.getBucketVersioning(bucket).getStatus()).isEqualTo("Enabled");
    versioning("Suspended");
    assertThat(oss.getBucketVersioning(bucket).getStatus()).isEqualTo("Suspended");
    OssErrors.expect("InvalidArgument", () -> versioning("Off"));
  }

  @Test
  void overwritesKeepEveryVersionReadableById() throws IOException {
    versioning("Enabled");
    String v1 = put("doc.txt", "first");
    String v2 = put("doc.txt", "second");
    assertThat(v1).isNotNull().isNotEqualTo(v2).isNotEqualTo("null");
    assertThat(read("doc.txt", null)).isEqualTo("second");
    assertThat(read("doc.txt", v1)).isEqualTo("first");
    assertThat(oss.getObjectMetadata(new GenericRequest(bucket, "doc.txt", v1)).getVersionId())
        .isEqualTo(v1);
    assertThat(oss.getObjectMetadata(bucket, "doc.txt").getVersionId()).isEqualTo(v2);

    List<OSSVersionSummary> listed = versions("doc");
    assertThat(listed).extracting(OSSVersionSummary::getVersionId).containsExactly(v2, v1);
    assertThat(listed).extracting(OSSVersionSummary::isLatest).containsExactly(true, false);
    assertThat(listed).extracting(OSSVersionSummary::getSize).containsExactly(6L, 5L);
    // ListObjects shows the current version only
    assertThat(oss.listObjects(bucket).getObjectSummaries()).hasSize(1);

    OssErrors.expect("NoSuchVersion", () -> read("doc.txt", "CAEQ00000000000000ff"));
    OssErrors.expect("InvalidArgument", () -> read("doc.txt", "not-a-version"));
  }

  @Test
  void deleteAddsADeleteMarkerAndDeletingTheMarkerRestores() throws IOException {
    versioning("Enabled");
    String v1 = put("k", "kept");
    VoidResult deleted = oss.deleteObject(bucket, "k");
    assertThat(header(deleted, "x-oss-delete-marker")).isEqualTo("true");
    String marker = header(deleted, "x-oss-version-id");
    assertThat(marker).isNotNull().isNotEqualTo(v1);

    OssErrors.expect("NoSuchKey", () -> read("k", null));
    assertThat(oss.doesObjectExist(bucket, "k")).isFalse();
    OssErrors.expect("MethodNotAllowed", () -> read("k", marker));
    assertThat(read("k", v1)).isEqualTo("kept");
    List<OSSVersionSummary> listed = versions("k");
    assertThat(listed).hasSize(2);
    OSSVersionSummary markerRow = only(listed, true);
    assertThat(markerRow.getVersionId()).isEqualTo(marker);
    assertThat(markerRow.isLatest()).isTrue();
    assertThat(only(listed, false).isLatest()).isFalse();
    OssErrors.expect("BucketNotEmpty", () -> oss.deleteBucket(bucket));

    VoidResult unmarked = oss.deleteVersion(bucket, "k", marker);
    assertThat(header(unmarked, "x-oss-delete-marker")).isEqualTo("true");
    assertThat(header(unmarked, "x-oss-version-id")).isEqualTo(marker);
    assertThat(read("k", null)).isEqualTo("kept");
    oss.deleteVersion(bucket, "k", v1);
    assertThat(versions("")).isEmpty();
    oss.deleteBucket(bucket);
    oss.createBucket(bucket); // for @AfterEach symmetry with the other tests
  }

  @Test
  void deleteVersionsReportsMarkersAndNamedVersions() {
    versioning("Enabled");
    String a1 = put("a", "1");
    put("b", "2");
    DeleteVersionsResult result =
        oss.deleteVersions(
            new DeleteVersionsRequest(bucket)
                .withKeys(
                    List.of(
                        new DeleteVersionsRequest.KeyVersion("a", a1),
                        new DeleteVersionsRequest.KeyVersion("b"))));
    assertThat(result.getDeletedVersions()).hasSize(2);
    DeleteVersionsResult.DeletedVersion a = result.getDeletedVersions().get(0);
    assertThat(a.getKey()).isEqualTo("a");
    assertThat(a.getVersionId()).isEqualTo(a1);
    assertThat(a.isDeleteMarker()).isFalse();
    DeleteVersionsResult.DeletedVersion b = result.getDeletedVersions().get(1);
    assertThat(b.getKey()).isEqualTo("b");
    assertThat(b.isDeleteMarker()).isTrue();
    assertThat(b.getDeleteMarkerVersionId()).isNotNull();
    assertThat(versions("a")).isEmpty();
    assertThat(only(versions("b"), true).isLatest()).isTrue();
    assertThat(only(versions("b"), false).isLatest()).isFalse();
  }

  @Test
  void copiesAndCompletedUploadsAreNewVersions() throws IOException {
    versioning("Enabled");
    String v1 = put("src", "old bytes");
    put("src", "new bytes");
    CopyObjectRequest copy = new CopyObjectRequest(bucket, "src", bucket, "dst");
    copy.setSourceVersionId(v1);
    CopyObjectResult copied = oss.copyObject(copy);
    assertThat(copied.getVersionId()).isNotNull().isNotEqualTo(v1);
    assertThat(read("dst", null)).isEqualTo("old bytes");

    // a copy onto itself in a versioned bucket is a new version, the old one stays
    CopyObjectResult self = oss.copyObject(bucket, "dst", bucket, "dst");
    assertThat(self.getVersionId()).isNotEqualTo(copied.getVersionId());
    assertThat(versions("dst")).hasSize(2);

    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "dst"))
            .getUploadId();
    UploadPartRequest part =
        new UploadPartRequest(bucket, "dst", uploadId, 1, Payloads.stream("mp"), 2);
    PartETag etag = oss.uploadPart(part).getPartETag();
    CompleteMultipartUploadResult done =
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest(
                bucket, "dst", uploadId, new java.util.ArrayList<>(List.of(etag))));
    assertThat(done.getVersionId()).isNotNull();
    assertThat(versions("dst")).hasSize(3);
    assertThat(read("dst", copied.getVersionId())).isEqualTo("old bytes");
  }

  @Test
  void tagsBelongToOneVersion() {
    versioning("Enabled");
    String v1 = put("t", "1");
    put("t", "2");
    SetObjectTaggingRequest tag = new SetObjectTaggingRequest(bucket, "t", Map.of("era", "old"));
    tag.setVersionId(v1);
    oss.setObjectTagging(tag);
    assertThat(oss.getObjectTagging(new GenericRequest(bucket, "t", v1)).getAllTags())
        .containsEntry("era", "old");
    assertThat(oss.getObjectTagging(bucket, "t").getAllTags()).isEmpty();
    oss.deleteObjectTagging(new GenericRequest(bucket, "t", v1));
    assertThat(oss.getObjectTagging(new GenericRequest(bucket, "t", v1)).getAllTags()).isEmpty();
  }

  @Test
  void aclsBelongToOneVersion() {
    versioning("Enabled");
    String v1 = put("acl", "1");
    put("acl", "2");
    oss.setObjectAcl(
        new com.aliyun.oss.model.SetObjectAclRequest(
            bucket, "acl", v1, com.aliyun.oss.model.CannedAccessControlList.PublicRead));
    com.aliyun.oss.model.ObjectAcl old = oss.getObjectAcl(new GenericRequest(bucket, "acl", v1));
    assertThat(old.getPermission()).isEqualTo(com.aliyun.oss.model.ObjectPermission.PublicRead);
    assertThat(old.getVersionId()).isEqualTo(v1);
    assertThat(oss.getObjectAcl(bucket, "acl").getPermission())
        .isEqualTo(com.aliyun.oss.model.ObjectPermission.Default);
  }

  /** Spec §1.7: appends go to the current appendable version only, and answer version id null. */
  @Test
  void appendableVersionsFollowTheAppendRules() throws IOException {
    versioning("Enabled");
    AppendObjectResult first =
        oss.appendObject(
            new AppendObjectRequest(bucket, "log", Payloads.stream("ab")).withPosition(0L));
    assertThat(first.getResponse().getHeaders().get("x-oss-version-id")).isEqualTo("null");
    AppendObjectResult second =
        oss.appendObject(
            new AppendObjectRequest(bucket, "log", Payloads.stream("cd")).withPosition(2L));
    assertThat(second.getResponse().getHeaders().get("x-oss-version-id")).isEqualTo("null");
    assertThat(versions("log")).hasSize(1); // appends make no previous versions
    OssErrors.expect("InvalidArgument", () -> oss.copyObject(bucket, "log", bucket, "copy"));

    // a PUT freezes the appendable version as a previous version
    String normal = put("log", "replaced");
    assertThat(read("log", "null")).isEqualTo("abcd");
    OssErrors.expect(
        "ObjectNotAppendable",
        () ->
            oss.appendObject(
                new AppendObjectRequest(bucket, "log", Payloads.stream("x")).withPosition(8L)));
    assertThat(versions("log"))
        .extracting(OSSVersionSummary::getVersionId)
        .containsExactly(normal, "null");

    // behind a delete marker, position 0 starts a new appendable version
    oss.deleteObject(bucket, "log");
    oss.appendObject(
        new AppendObjectRequest(bucket, "log", Payloads.stream("new")).withPosition(0L));
    assertThat(read("log", null)).isEqualTo("new");
    assertThat(oss.getObjectMetadata(bucket, "log").getObjectType()).isEqualTo("Appendable");
  }

  @Test
  void suspendedWritesKeepOneNullVersion() throws IOException {
    versioning("Enabled");
    String v1 = put("s", "enabled");
    versioning("Suspended");
    assertThat(put("s", "one")).isEqualTo("null");
    assertThat(put("s", "two")).isEqualTo("null");
    assertThat(versions("s"))
        .extracting(OSSVersionSummary::getVersionId)
        .containsExactly("null", v1);
    assertThat(read("s", "null")).isEqualTo("two");
    VoidResult deleted = oss.deleteObject(bucket, "s");
    assertThat(header(deleted, "x-oss-version-id")).isEqualTo("null");
    assertThat(only(versions("s"), true).getVersionId()).isEqualTo("null");
    assertThat(only(versions("s"), false).getVersionId()).isEqualTo(v1);
  }
}
