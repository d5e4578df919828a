package dev.osprey.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.protocol.op.ServiceOperation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequiredActionsTest {
  private static final String B = "bkt";
  private static final String K = "key";
  private static final String V = "null";

  static Stream<Arguments> table() {
    return Stream.of(
        row(new ServiceOperation.ListBuckets(null, null, 100), "oss:ListBuckets"),
        row(new BucketOperation.PutBucket(B), "oss:PutBucket"),
        row(new BucketOperation.DeleteBucket(B), "oss:DeleteBucket"),
        row(new BucketOperation.GetBucketInfo(B), "oss:GetBucketInfo"),
        row(new BucketOperation.GetBucketLocation(B), "oss:GetBucketLocation"),
        row(new BucketOperation.GetBucketAcl(B), "oss:GetBucketAcl"),
        row(new BucketOperation.PutBucketAcl(B), "oss:PutBucketAcl"),
        row(new BucketOperation.ListObjects(B, null, null, null, 100, false), "oss:ListObjects"),
        row(
            new BucketOperation.ListObjectsV2(B, null, null, null, null, 100, false, false),
            "oss:ListObjects"),
        row(new BucketOperation.DeleteMultipleObjects(B, false), "oss:DeleteObject"),
        row(new BucketOperation.ListMultipartUploads(B), "oss:ListMultipartUploads"),
        row(new BucketOperation.PutBucketPolicy(B), "oss:PutBucketPolicy"),
        row(new BucketOperation.GetBucketPolicy(B), "oss:GetBucketPolicy"),
        row(new BucketOperation.DeleteBucketPolicy(B), "oss:DeleteBucketPolicy"),
        row(new BucketOperation.PutBucketLifecycle(B), "oss:PutBucketLifecycle"),
        row(new BucketOperation.GetBucketLifecycle(B), "oss:GetBucketLifecycle"),
        row(new BucketOperation.DeleteBucketLifecycle(B), "oss:DeleteBucketLifecycle"),
        row(new BucketOperation.PutBucketVersioning(B), "oss:PutBucketVersioning"),
        row(new BucketOperation.GetBucketVersioning(B), "oss:GetBucketVersioning"),
        row(
            new BucketOperation.ListObjectVersions(B, null, null, null, null, 100, false),
            "oss:ListObjectVersions"),
        row(new ObjectOperation.GetObject(B, K, ResponseOverrides.NONE, V), "oss:GetObjectVersion"),
        row(new ObjectOperation.HeadObject(B, K, V), "oss:GetObjectVersion"),
        row(new ObjectOperation.GetObjectMeta(B, K, V), "oss:GetObjectVersion"),
        row(new ObjectOperation.DeleteObject(B, K, V), "oss:DeleteObjectVersion"),
        row(new ObjectOperation.PutObjectTagging(B, K, V), "oss:PutObjectVersionTagging"),
        row(new ObjectOperation.GetObjectTagging(B, K, V), "oss:GetObjectVersionTagging"),
        row(new ObjectOperation.DeleteObjectTagging(B, K, V), "oss:DeleteObjectVersionTagging"),
        row(new ObjectOperation.PutObjectAcl(B, K, V), "oss:PutObjectVersionAcl"),
        row(new ObjectOperation.GetObjectAcl(B, K, V), "oss:GetObjectVersionAcl"),
        row(new BucketOperation.PutBucketWebsite(B), "oss:PutBucketWebsite"),
        row(new BucketOperation.GetBucketWebsite(B), "oss:GetBucketWebsite"),
        row(new BucketOperation.DeleteBucketWebsite(B), "oss:DeleteBucketWebsite"),
        row(new BucketOperation.PutBucketLogging(B), "oss:PutBucketLogging"),
        row(new BucketOperation.GetBucketLogging(B), "oss:GetBucketLogging"),
        row(new BucketOperation.DeleteBucketLogging(B), "oss:DeleteBucketLogging"),
        row(new BucketOperation.PutBucketResourceGroup(B), "oss:PutBucketResourceGroup"),
        row(new BucketOperation.GetBucketResourceGroup(B), "oss:GetBucketResourceGroup"),
        row(new BucketOperation.PutCname(B), "oss:PutCname"),
        row(new BucketOperation.ListCname(B), "oss:ListCname"),
        row(new BucketOperation.DeleteCname(B), "oss:DeleteCname"),
        row(new BucketOperation.UnsupportedBucketOperation(B, "GET", "cors"), "oss:GetBucketCors"),
        row(
            new BucketOperation.UnsupportedBucketOperation(B, "DELETE", "lifecycle"),
            "oss:DeleteBucketLifecycle"),
        row(new ObjectOperation.PutObject(B, K), "oss:PutObject"),
        row(new ObjectOperation.CopyObject(B, K), "oss:GetObject", "oss:PutObject"),
        row(new ObjectOperation.GetObject(B, K, ResponseOverrides.NONE), "oss:GetObject"),
        row(new ObjectOperation.HeadObject(B, K), "oss:GetObject"),
        row(new ObjectOperation.GetObjectMeta(B, K), "oss:GetObject"),
        row(new ObjectOperation.DeleteObject(B, K), "oss:DeleteObject"),
        row(new ObjectOperation.AppendObject(B, K, 0L), "oss:PutObject"),
        row(new ObjectOperation.SealAppendObject(B, K, 10L), "oss:SealAppendObject"),
        row(new ObjectOperation.PutObjectTagging(B, K), "oss:PutObjectTagging"),
        row(new ObjectOperation.GetObjectTagging(B, K), "oss:GetObjectTagging"),
        row(new ObjectOperation.DeleteObjectTagging(B, K), "oss:DeleteObjectTagging"),
        row(new ObjectOperation.PutObjectAcl(B, K), "oss:PutObjectAcl"),
        row(new ObjectOperation.GetObjectAcl(B, K), "oss:GetObjectAcl"),
        row(new ObjectOperation.InitiateMultipartUpload(B, K), "oss:PutObject"),
        row(new ObjectOperation.UploadPart(B, K, 1, "u"), "oss:PutObject"),
        row(new ObjectOperation.CompleteMultipartUpload(B, K, "u"), "oss:PutObject"),
        row(new ObjectOperation.AbortMultipartUpload(B, K, "u"), "oss:AbortMultipartUpload"),
        row(new ObjectOperation.ListParts(B, K, "u"), "oss:ListParts"),
        row(new ObjectOperation.PutSymlink(B, K), "oss:PutSymlink"),
        row(new ObjectOperation.GetSymlink(B, K), "oss:GetSymlink"),
        row(
            new ObjectOperation.UnsupportedObjectOperation(B, K, "POST", "restore"),
            "oss:PostObjectRestore"));
  }

  private static Arguments row(OssOperation op, String... actions) {
    return Arguments.of(op, List.of(actions));
  }

  @ParameterizedTest
  @MethodSource("table")
  void actionsWithoutTagging(OssOperation op, List<String> expected) {
    assertThat(RequiredActions.of(op, Headers.of("Content-Type", "text/plain")))
        .isEqualTo(expected);
  }

  /** Spec §1.9: writes that set tags also need oss:PutObjectTagging. */
  @Test
  void taggingHeaderAddsPutObjectTaggingToWrites() {
    Headers tagged = Headers.of("x-oss-tagging", "a=1");
    assertThat(RequiredActions.of(new ObjectOperation.AppendObject(B, K, 5L), tagged))
        .containsExactly("oss:PutObject", "oss:PutObjectTagging");
    assertThat(RequiredActions.of(new ObjectOperation.PutObject(B, K), tagged))
        .containsExactly("oss:PutObject", "oss:PutObjectTagging");
    assertThat(RequiredActions.of(new ObjectOperation.CopyObject(B, K), tagged))
        .containsExactly("oss:GetObject", "oss:PutObject", "oss:PutObjectTagging");
    assertThat(RequiredActions.of(new ObjectOperation.InitiateMultipartUpload(B, K), tagged))
        .containsExactly("oss:PutObject", "oss:PutObjectTagging");
    // a copy of a source version reads it with oss:GetObjectVersion
    assertThat(
            RequiredActions.of(
                new ObjectOperation.CopyObject(B, K),
                Headers.of("x-oss-copy-source", "/bkt/src?versionId=null")))
        .containsExactly("oss:GetObjectVersion", "oss:PutObject");
    // reads ignore the header
    assertThat(RequiredActions.of(new ObjectOperation.HeadObject(B, K), tagged))
        .containsExactly("oss:GetObject");
  }
}
